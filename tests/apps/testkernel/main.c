/* main.c: the in-kernel test image — run every linked test suite. */
#include <ts/test.h>

int main(void)
{
	int failed = ts_test_run_all();
	return failed > 100 ? 100 : failed;
}
