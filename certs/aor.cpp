#include "certs/aor.hpp"

#include "certs/error.hpp"

#include <cstddef>

namespace credsvc::certs {

namespace {

[[noreturn]] void not_an_aor(std::string_view why) {
    throw Error("aor: not a SIP address-of-record (" + std::string(why) + ")");
}

char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
    if (is_digit(c)) {
        return c - '0';
    }
    return lower(c) - 'a' + 10;
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

// RFC 3261 §25.1 unreserved = alphanum / mark.
bool is_unreserved(char c) {
    return is_alpha(c) || is_digit(c) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
}

// RFC 3261 §25.1 user-unreserved.
bool is_user_unreserved(char c) {
    return std::string_view("&=+$,;?/").find(c) != std::string_view::npos;
}

std::string normalise_user(std::string_view user) {
    if (user.empty()) {
        not_an_aor("empty user part");
    }
    std::string out;
    out.reserve(user.size());
    for (std::size_t i = 0; i < user.size(); ++i) {
        const char c = user[i];
        if (c == '%') {
            if (i + 2 >= user.size()) {
                not_an_aor("truncated escape in user part");
            }
            if (!is_hex(user[i + 1]) || !is_hex(user[i + 2])) {
                not_an_aor("bad escape in user part");
            }
            const char decoded = static_cast<char>(hex_value(user[i + 1]) * 16 + hex_value(user[i + 2]));
            // RFC 3986 §6.2.2.2: escapes of unreserved characters are the characters themselves.
            if (is_unreserved(decoded)) {
                out.push_back(decoded);
            } else {
                static constexpr char digits[] = "0123456789ABCDEF";
                out.push_back('%');
                out.push_back(digits[(static_cast<unsigned char>(decoded) >> 4) & 0x0f]);
                out.push_back(digits[static_cast<unsigned char>(decoded) & 0x0f]);
            }
            i += 2;
        } else if (c == ':') {
            not_an_aor("password in URI");
        } else if (is_unreserved(c) || is_user_unreserved(c)) {
            out.push_back(c);
        } else {
            not_an_aor("bad character in user part");
        }
    }
    return out;
}

std::string normalise_port(std::string_view port) {
    if (port.empty() || port.size() > 5) {
        not_an_aor("bad port");
    }
    unsigned value = 0;
    for (const char c : port) {
        if (!is_digit(c)) {
            not_an_aor("bad port");
        }
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 65535) {
        not_an_aor("bad port");
    }
    return std::to_string(value);
}

// host [":" port] with the host lower-cased; RFC 3261 §25.1 hostname, IPv4 or [IPv6].
std::string normalise_hostport(std::string_view hostport) {
    std::string_view host;
    std::string_view port;
    bool has_port = false;
    if (!hostport.empty() && hostport.front() == '[') {
        const std::size_t close = hostport.find(']');
        if (close == std::string_view::npos || close == 1) {
            not_an_aor("bad IPv6 reference");
        }
        for (const char c : hostport.substr(1, close - 1)) {
            if (!is_hex(c) && c != ':' && c != '.') {
                not_an_aor("bad IPv6 reference");
            }
        }
        host = hostport.substr(0, close + 1);
        const std::string_view rest = hostport.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                not_an_aor("bad host");
            }
            has_port = true;
            port = rest.substr(1);
        }
    } else {
        const std::size_t colon = hostport.find(':');
        host = hostport.substr(0, colon);
        if (colon != std::string_view::npos) {
            has_port = true;
            port = hostport.substr(colon + 1);
        }
        if (host.empty()) {
            not_an_aor("empty host");
        }
        for (const char c : host) {
            if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.') {
                not_an_aor("bad character in host");
            }
        }
    }
    std::string out;
    out.reserve(hostport.size());
    for (const char c : host) {
        out.push_back(lower(c));
    }
    if (has_port) {
        out += ':';
        out += normalise_port(port);
    }
    return out;
}

}  // namespace

std::string canonical_aor(std::string_view aor) {
    std::string_view rest = aor;
    const std::size_t at = rest.find('@');
    const std::size_t colon = rest.find(':');
    // A ':' before the '@' (or with no '@' at all) ends a scheme.
    if (colon != std::string_view::npos && (at == std::string_view::npos || colon < at)) {
        const std::string_view scheme = rest.substr(0, colon);
        if (!equals_ignore_case(scheme, "sip") && !equals_ignore_case(scheme, "sips")) {
            not_an_aor("unsupported scheme");
        }
        rest.remove_prefix(colon + 1);
    }
    const std::size_t user_end = rest.find('@');
    if (user_end == std::string_view::npos) {
        not_an_aor("no user part");
    }
    std::string user = normalise_user(rest.substr(0, user_end));
    std::string_view after = rest.substr(user_end + 1);
    // Parameters (";transport=tls", ";gr") and headers ("?subject=x") follow the host[:port].
    const std::size_t params = after.find_first_of(";?");
    const std::string_view hostport = after.substr(0, params);
    if (after.find('@') != std::string_view::npos) {
        not_an_aor("more than one '@'");
    }
    return user + '@' + normalise_hostport(hostport);
}

bool same_aor(std::string_view a, std::string_view b) noexcept {
    try {
        return canonical_aor(a) == canonical_aor(b);
    } catch (...) {
        return false;
    }
}

}  // namespace credsvc::certs
