#include "config.h"
#include "check_suites.h"
Suite *
date_suite(void)
{
	return suite_create("date");
}
