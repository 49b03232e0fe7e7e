#include "certs/chain_verification.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <openssl/x509_vfy.h>

#include <vector>

namespace credsvc::certs {
namespace {

using namespace test;

Certificate valid_leaf() {
    return issue_leaf(leaf_request("sip:alice@example.com"), p256_key());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(Chain, VerifiesThroughIntermediate) {
    const Certificate leaf = valid_leaf();
    const std::vector<Certificate> intermediates{intermediate_ca().cert};
    const std::vector<Certificate> anchors{other_root_ca().cert, root_ca().cert};
    const ChainResult result = verify_chain(leaf, intermediates, anchors, Clock::now());
    EXPECT_TRUE(result.ok()) << result.reason;
    EXPECT_EQ(result.reason, "");
    EXPECT_EQ(result.error_code, X509_V_OK);
    ASSERT_EQ(result.chain.size(), 3U);
    EXPECT_TRUE(result.chain[0] == leaf);
    EXPECT_TRUE(result.chain[1] == intermediate_ca().cert);
    EXPECT_TRUE(result.chain[2] == root_ca().cert);
}

TEST(Chain, WrongAnchorFails) {
    const std::vector<Certificate> intermediates{intermediate_ca().cert};
    const std::vector<Certificate> anchors{other_root_ca().cert};
    const ChainResult result = verify_chain(valid_leaf(), intermediates, anchors, Clock::now());
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error_code, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    EXPECT_EQ(result.reason, "unable to get local issuer certificate (depth 1: CN=Test Intermediate CA)");
}

TEST(Chain, MissingIntermediateFails) {
    const std::vector<Certificate> anchors{root_ca().cert};
    const ChainResult result = verify_chain(valid_leaf(), {}, anchors, Clock::now());
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error_code, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    EXPECT_EQ(result.error_depth, 0);
}

TEST(Chain, ExpiredLeafFails) {
    IssueRequest request = leaf_request("sip:alice@example.com");
    request.not_before = Clock::now() - 48h;
    request.not_after = Clock::now() - 1h;
    const Certificate leaf = issue_leaf(request, p256_key());
    const std::vector<Certificate> intermediates{intermediate_ca().cert};
    const std::vector<Certificate> anchors{root_ca().cert};
    const ChainResult result = verify_chain(leaf, intermediates, anchors, Clock::now());
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error_code, X509_V_ERR_CERT_HAS_EXPIRED);
    EXPECT_EQ(result.error_depth, 0);
    EXPECT_EQ(result.reason, "certificate has expired (depth 0: CN=sip:alice@example.com)");
    EXPECT_TRUE(result.chain.empty());
}

TEST(Chain, VerificationTimeIsTheOneGiven) {
    const std::vector<Certificate> intermediates{intermediate_ca().cert};
    const std::vector<Certificate> anchors{root_ca().cert};
    const Certificate leaf = valid_leaf();  // valid for 30 days
    const ChainResult later = verify_chain(leaf, intermediates, anchors, Clock::now() + 24h * 60);
    EXPECT_EQ(later.error_code, X509_V_ERR_CERT_HAS_EXPIRED);
    const ChainResult earlier = verify_chain(leaf, intermediates, anchors, Clock::now() - 24h);
    EXPECT_EQ(earlier.error_code, X509_V_ERR_CERT_NOT_YET_VALID);
    EXPECT_TRUE(contains(earlier.reason, "certificate is not yet valid"));
}

TEST(Chain, IntermediateMayBeTheAnchor) {
    const std::vector<Certificate> anchors{intermediate_ca().cert};
    const ChainResult result = verify_chain(valid_leaf(), {}, anchors, Clock::now());
    EXPECT_TRUE(result.ok()) << result.reason;
    EXPECT_EQ(result.chain.size(), 2U);
}

TEST(Chain, LeafCannotIssue) {
    // A certificate signed by a CA:FALSE leaf is not trusted.
    const Certificate leaf = valid_leaf();
    const Certificate child =
        issue_certificate(leaf_request("sip:mallory@example.com"), p256_other_key(), &leaf, p256_key());
    const std::vector<Certificate> intermediates{leaf, intermediate_ca().cert};
    const std::vector<Certificate> anchors{root_ca().cert};
    const ChainResult result = verify_chain(child, intermediates, anchors, Clock::now());
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.error_code, X509_V_ERR_INVALID_CA);
    EXPECT_TRUE(contains(result.reason, "depth 1: CN=sip:alice@example.com")) << result.reason;
}

TEST(Chain, NoAnchorsFails) {
    const ChainResult result = verify_chain(valid_leaf(), {}, {}, Clock::now());
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.reason, "no trust anchors given");
}

}  // namespace
}  // namespace credsvc::certs
