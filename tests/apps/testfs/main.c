/* main.c: run the file-system test suites (and any other linked one). */
#include <ts/test.h>

int main(void)
{
	int failed = ts_test_run_all();
	return failed > 100 ? 100 : failed;
}
