#include "config.h"
#include "check_suites.h"
Suite *
yamlio_suite(void)
{
	return suite_create("yamlio");
}
