#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "db/embedded_cluster.hpp"

namespace credsvc::db {
namespace {
namespace fs = std::filesystem;

struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("credsvc-findpg-" + std::to_string(::getpid()));
  ScratchDir() { fs::create_directories(path); }
  ~ScratchDir() { fs::remove_all(path); }
};

void make_program(const fs::path& p) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << "#!/bin/sh\n";
  fs::permissions(p, fs::perms::owner_all);
}

TEST(FindPostgres, MissingInstallationNamesTheFixToApply) {
  ScratchDir scratch;
  try {
    find_postgres_bin_dir("", scratch.path / "nothing-here");
    FAIL() << "expected ClusterError";
  } catch (const ClusterError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("PostgreSQL is not installed"), std::string::npos) << what;
    EXPECT_NE(what.find("apt-get install postgresql"), std::string::npos) << what;
  }
}

TEST(FindPostgres, PrefersPathThenNewestMajorVersion) {
  ScratchDir scratch;
  const fs::path lib = scratch.path / "lib";
  for (const char* v : {"9", "15", "13"}) {
    make_program(lib / v / "bin" / "initdb");
    make_program(lib / v / "bin" / "pg_ctl");
  }
  EXPECT_EQ(find_postgres_bin_dir("", lib), lib / "15" / "bin");

  const fs::path on_path = scratch.path / "path-bin";
  make_program(on_path / "initdb");
  make_program(on_path / "pg_ctl");
  EXPECT_EQ(find_postgres_bin_dir("/nonexistent:" + on_path.string(), lib), on_path);
  // A PATH entry with only one of the two programs is passed over.
  const fs::path half = scratch.path / "half";
  make_program(half / "initdb");
  EXPECT_EQ(find_postgres_bin_dir(half.string(), lib), lib / "15" / "bin");
}

}  // namespace
}  // namespace credsvc::db
