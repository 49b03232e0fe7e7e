// Boost.JSON compiled into the fuzz target itself (header-only mode), so the
// fuzz build needs no Boost library and the JSON parser is instrumented too.
#include <boost/json/src.hpp>
