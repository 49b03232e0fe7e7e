#include "test_support.hpp"

#include <cstdio>

namespace credsvc::certs::test {

const PrivateKey& rsa1024_key() {
    static const PrivateKey key = PrivateKey::generate_rsa(1024);
    return key;
}

const PrivateKey& rsa2048_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::rsa2048);
    return key;
}

const PrivateKey& rsa3072_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::rsa3072);
    return key;
}

const PrivateKey& p256_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::ec_p256);
    return key;
}

const PrivateKey& p256_other_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::ec_p256);
    return key;
}

const PrivateKey& p384_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::ec_p384);
    return key;
}

const PrivateKey& ed25519_key() {
    static const PrivateKey key = PrivateKey::generate(KeyAlgorithm::ed25519);
    return key;
}

namespace {

TestCa make_root(const std::string& name) {
    PrivateKey key = PrivateKey::generate(KeyAlgorithm::ec_p256);
    IssueRequest request;
    request.common_name = name;
    request.is_ca = true;
    request.not_before = Clock::now() - 1h;
    request.not_after = Clock::now() + 24h * 3650;
    Certificate cert = issue_certificate(request, key, nullptr, key);
    return TestCa{std::move(key), std::move(cert)};
}

}  // namespace

const TestCa& root_ca() {
    static const TestCa ca = make_root("Test Root CA");
    return ca;
}

const TestCa& other_root_ca() {
    static const TestCa ca = make_root("Other Root CA");
    return ca;
}

const TestCa& intermediate_ca() {
    static const TestCa ca = [] {
        PrivateKey key = PrivateKey::generate(KeyAlgorithm::ec_p256);
        IssueRequest request;
        request.common_name = "Test Intermediate CA";
        request.is_ca = true;
        request.not_before = Clock::now() - 1h;
        request.not_after = Clock::now() + 24h * 1825;
        Certificate cert = issue_certificate(request, key, &root_ca().cert, root_ca().key);
        return TestCa{std::move(key), std::move(cert)};
    }();
    return ca;
}

IssueRequest leaf_request(const std::string& aor) {
    IssueRequest request;
    request.common_name = aor;
    request.san_uris = {aor};
    request.not_before = Clock::now() - 1h;
    request.not_after = Clock::now() + 24h * 30;
    return request;
}

Certificate issue_leaf(const IssueRequest& request, const PrivateKey& key, const TestCa& ca) {
    return issue_certificate(request, key, &ca.cert, ca.key);
}

Clock::time_point whole_seconds(Clock::time_point t) {
    return std::chrono::time_point_cast<Clock::duration>(std::chrono::floor<std::chrono::seconds>(t));
}

std::string hex_of(const unsigned char* data, std::size_t size) {
    std::string out;
    char two[3];
    for (std::size_t i = 0; i < size; ++i) {
        std::snprintf(two, sizeof two, "%02x", data[i]);
        out += two;
    }
    return out;
}

}  // namespace credsvc::certs::test
