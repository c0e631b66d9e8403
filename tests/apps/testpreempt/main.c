/* main.c: run every linked test suite (here: under the preemptive scheduler). */
#include <ts/test.h>

int main(void)
{
	int failed = ts_test_run_all();
	return failed > 100 ? 100 : failed;
}
