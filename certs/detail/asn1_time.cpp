#include "certs/detail/asn1_time.hpp"

#include "certs/detail/openssl_error.hpp"

#include <openssl/asn1.h>

#include <ctime>
#include <string>

namespace credsvc::certs::detail {

std::chrono::system_clock::time_point to_time_point(const ASN1_TIME* time, const char* field) {
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) {
        throw_openssl(std::string("certificate: cannot decode ") + field);
    }
    // tm is UTC here; build the instant with the civil calendar instead of timegm().
    using namespace std::chrono;
    const year_month_day date{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                              day{static_cast<unsigned>(tm.tm_mday)}};
    if (!date.ok()) {
        throw_error(std::string("certificate: invalid date in ") + field);
    }
    const sys_seconds instant =
        sys_days{date} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
    return time_point_cast<system_clock::duration>(instant);
}

void set_asn1_time(ASN1_TIME* time, std::chrono::system_clock::time_point when, const char* field) {
    using namespace std::chrono;
    const auto secs = floor<seconds>(when).time_since_epoch().count();
    if (ASN1_TIME_set(time, static_cast<time_t>(secs)) == nullptr) {
        throw_openssl(std::string("issue: cannot encode ") + field);
    }
}

}  // namespace credsvc::certs::detail
