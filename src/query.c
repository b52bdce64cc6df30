/* placeholder */
#include "config.h"
typedef int query_placeholder;
