#include "certs/aor.hpp"
#include "certs/error.hpp"

#include <gtest/gtest.h>

namespace credsvc::certs {
namespace {

TEST(Aor, CanonicalFormDropsSchemeAndLowersHost) {
    EXPECT_EQ(canonical_aor("sip:alice@example.com"), "alice@example.com");
    EXPECT_EQ(canonical_aor("sips:alice@EXAMPLE.com"), "alice@example.com");
    EXPECT_EQ(canonical_aor("alice@Example.COM"), "alice@example.com");
    EXPECT_EQ(canonical_aor("SIPS:alice@example.com"), "alice@example.com");
}

TEST(Aor, UserPartStaysCaseSensitive) {
    EXPECT_EQ(canonical_aor("sip:Alice@example.com"), "Alice@example.com");
    EXPECT_FALSE(same_aor("sip:Alice@example.com", "sip:alice@example.com"));
}

TEST(Aor, ParametersAndHeadersAreIgnored) {
    EXPECT_EQ(canonical_aor("sip:alice@example.com;transport=tcp"), "alice@example.com");
    EXPECT_EQ(canonical_aor("sips:alice@example.com;gr=urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
              "alice@example.com");
    EXPECT_EQ(canonical_aor("sip:alice@example.com?subject=hi"), "alice@example.com");
    EXPECT_EQ(canonical_aor("sip:alice@example.com:5061;transport=tls"), "alice@example.com:5061");
}

TEST(Aor, PortIsKeptAndNormalised) {
    EXPECT_EQ(canonical_aor("sip:alice@example.com:05061"), "alice@example.com:5061");
    EXPECT_FALSE(same_aor("sip:alice@example.com:5061", "sip:alice@example.com"));
}

TEST(Aor, EscapesOfUnreservedCharactersAreDecoded) {
    EXPECT_EQ(canonical_aor("sip:%61lice@example.com"), "alice@example.com");
    EXPECT_TRUE(same_aor("sip:%61lice@example.com", "alice@example.com"));
    // '@' and ';' are not unreserved: they stay escaped, with upper-case hex.
    EXPECT_EQ(canonical_aor("sip:a%3bb@example.com"), "a%3Bb@example.com");
    EXPECT_EQ(canonical_aor("sip:a%40b@example.com"), "a%40b@example.com");
}

TEST(Aor, TelephoneStyleUserPartWithSemicolonIsUser) {
    EXPECT_EQ(canonical_aor("sip:+15551234;phone-context=example.com@example.com;user=phone"),
              "+15551234;phone-context=example.com@example.com");
}

TEST(Aor, Ipv6HostIsLowerCased) {
    EXPECT_EQ(canonical_aor("sip:alice@[2001:DB8::1]:5061"), "alice@[2001:db8::1]:5061");
}

TEST(Aor, SipAndSipsNameTheSameAor) {
    EXPECT_TRUE(same_aor("sip:alice@example.com", "sips:alice@example.com"));
    EXPECT_TRUE(same_aor("alice@example.com", "sips:alice@EXAMPLE.COM;transport=tls"));
    EXPECT_FALSE(same_aor("sip:alice@example.com", "sip:bob@example.com"));
    EXPECT_FALSE(same_aor("sip:alice@example.com", "sip:alice@example.org"));
}

TEST(Aor, NonAorsAreRejected) {
    for (const char* bad : {"", "tel:+15551234", "mailto:alice@example.com", "example.com", "sip:example.com",
                            "sip:@example.com", "sip:alice:secret@example.com", "sip:alice@", "sip:alice@exa mple.com",
                            "sip:alice@example.com:99999", "sip:alice@example.com:", "sip:a@b@example.com",
                            "sip:al ice@example.com", "sip:alice%4@example.com", "sip:alice%zz@example.com",
                            "sip:alice@[zz::1]", "sip:alice@[::1"}) {
        EXPECT_THROW(canonical_aor(bad), Error) << bad;
        EXPECT_FALSE(same_aor(bad, bad)) << bad;
    }
}

TEST(Aor, ErrorMessageNamesTheFault) {
    try {
        canonical_aor("tel:+15551234");
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "aor: not a SIP address-of-record (unsupported scheme)");
    }
    try {
        canonical_aor("sip:example.com");
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "aor: not a SIP address-of-record (no user part)");
    }
}

}  // namespace
}  // namespace credsvc::certs
