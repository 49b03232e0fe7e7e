// Bad input to the command line: one line naming the cause on stderr, a
// non-zero exit, and nothing written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "child.hpp"

namespace credsvc::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::size_t line_count(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

void expect_one_line_error(const RunResult& r, const std::string& needle) {
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(line_count(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("credsvc: error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(CliErrors, UnreachableDatabaseIsOneLineAndNonZero) {
  // Port 1 on loopback: nothing listens there.
  const auto r = run({CREDSVC_BINARY, "admin", "--db", "postgresql://credsvc@127.0.0.1:1/credsvc", "domain", "list"});
  expect_one_line_error(r, "database");
  EXPECT_NE(r.err.find("127.0.0.1"), std::string::npos) << r.err;
}

TEST(CliErrors, PasswordInDatabaseUrlIsNotEchoed) {
  const auto r = run({CREDSVC_BINARY, "admin", "--db", "postgresql://credsvc:s3cret-pw@127.0.0.1:1/credsvc", "domain",
                      "list"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err.find("s3cret-pw"), std::string::npos) << r.err;
}

TEST(CliErrors, DataDirectoryThatIsAFile) {
  TempDir temp;
  const fs::path file = temp.path() / "not-a-dir";
  std::ofstream(file) << "x";
  const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", file.string(), "domain", "list"});
  expect_one_line_error(r, "is not a directory");
}

TEST(CliErrors, DataDirectoryOwnedBySomeoneElse) {
  TempDir temp;
  if (::geteuid() == 0) {
    // Root-owned directory, run by another account.
    const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", temp.path().string(), "domain", "list"}, {}, 60s,
                       std::string("nobody"));
    expect_one_line_error(r, "is owned by root");
    EXPECT_TRUE(fs::is_empty(temp.path())) << "nothing may be written";
  } else {
    // As an ordinary user: a directory root owns.
    const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", "/", "domain", "list"}, {}, 60s);
    expect_one_line_error(r, "is owned by root");
  }
}

TEST(CliErrors, UnknownSubcommandIsAUsageError) {
  const auto r = run({CREDSVC_BINARY, "frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST(CliErrors, CorruptCertificateFileForDomainAddWritesNothing) {
  TempDir temp;
  const fs::path data = temp.path() / "data";
  const fs::path bad = temp.path() / "bad.pem";
  std::ofstream(bad) << "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n";
  const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", data.string(), "domain", "add", "example.net",
                      "--tls-cert", bad.string(), "--tls-key", bad.string()},
                     {}, 120s);
  expect_one_line_error(r, "certificate");
  const auto listed = run({CREDSVC_BINARY, "admin", "--data-dir", data.string(), "domain", "list"}, {}, 120s);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.find("example.net"), std::string::npos) << listed.out;
}

TEST(CliErrors, MissingCertificateFileIsNamed) {
  TempDir temp;
  const auto r = run({CREDSVC_BINARY, "admin", "--data-dir", (temp.path() / "data").string(), "domain", "add",
                      "example.net", "--tls-cert", "/nonexistent/tls.pem", "--tls-key", "/nonexistent/tls.key"},
                     {}, 120s);
  expect_one_line_error(r, "/nonexistent/tls.pem");
}

}  // namespace
}  // namespace credsvc::testing

namespace credsvc::testing {
namespace {

TEST(ConfigFile, SectionKeysApplyAndUnknownKeysAreRefused) {
  TempDir temp;
  const fs::path data = temp.path() / "data";
  const fs::path good = temp.path() / "good.toml";
  std::ofstream(good) << "[admin]\ndata-dir = \"" << data.string() << "\"\n";
  const auto added = run({CREDSVC_BINARY, "--config", good.string(), "admin", "domain", "add", "example.com"}, {}, 120s);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_TRUE(fs::exists(data / "pgdata" / "PG_VERSION")) << "the config file's data-dir was not used";

  const fs::path bad = temp.path() / "bad.toml";
  std::ofstream(bad) << "[admin]\ndata-dri = \"/tmp/x\"\n";
  const auto refused = run({CREDSVC_BINARY, "--config", bad.string(), "admin", "domain", "list"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("data-dri"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace credsvc::testing
