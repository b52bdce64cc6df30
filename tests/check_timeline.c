#include "config.h"
#include "check_suites.h"
Suite *
timeline_suite(void)
{
	return suite_create("timeline");
}
