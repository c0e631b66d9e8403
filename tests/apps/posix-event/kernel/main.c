/* main.c: run lib/posix-event's in-kernel test suite (and any other linked). */
#include <ts/test.h>

int main(void)
{
	int failed = ts_test_run_all();
	return failed > 100 ? 100 : failed;
}
