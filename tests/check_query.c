#include "config.h"
#include "check_suites.h"
Suite *
query_suite(void)
{
	return suite_create("query");
}
