/* placeholder */
#include "config.h"
typedef int load_placeholder;
