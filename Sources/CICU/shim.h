// Only here so pkg-config's flags for the system ICU reach ICUBridge. Swift code never imports this.
#include <unicode/uversion.h>
