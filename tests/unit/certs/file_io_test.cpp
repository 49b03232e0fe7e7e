#include "certs/error.hpp"
#include "certs/file_io.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace credsvc::certs {
namespace {

namespace fs = std::filesystem;

class FileIo : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("credsvc-certs-test-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
};

TEST_F(FileIo, RoundTrip) {
    const Bytes data = {0x00, 0x01, 0xff, 'a', '\n'};
    write_file(dir_ / "blob", data);
    EXPECT_EQ(read_file(dir_ / "blob"), data);
    EXPECT_EQ(read_text_file(dir_ / "blob"), std::string("\0\1\xff" "a\n", 5));
    write_file(dir_ / "blob", Bytes{'x'});  // replaces, not appends
    EXPECT_EQ(read_text_file(dir_ / "blob"), "x");
}

TEST_F(FileIo, PrivateFilesAreOwnerOnly) {
    write_file(dir_ / "key", Bytes{'k'}, true);
    struct stat info {};
    ASSERT_EQ(::stat((dir_ / "key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U);
    // An existing world-readable file is tightened too.
    write_file(dir_ / "old", Bytes{'o'});
    fs::permissions(dir_ / "old", fs::perms::all);
    write_file(dir_ / "old", Bytes{'k'}, true);
    ASSERT_EQ(::stat((dir_ / "old").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600U);
}

TEST_F(FileIo, PreciseErrors) {
    const fs::path missing = dir_ / "missing.pem";
    try {
        read_file(missing);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read " + missing.string() + ": No such file or directory");
    }
    try {
        read_file(dir_);
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read " + dir_.string() + ": Is a directory");
    }
    try {
        write_file(dir_ / "no" / "such" / "dir", Bytes{'x'});
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "cannot write " + (dir_ / "no" / "such" / "dir").string() + ": No such file or directory");
    }
}

}  // namespace
}  // namespace credsvc::certs
