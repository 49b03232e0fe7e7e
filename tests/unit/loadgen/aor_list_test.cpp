// --aors files: one AOR a line, comments and blank lines skipped, the line
// of a bad entry named.
#include <gtest/gtest.h>

#include <stdexcept>

#include "loadgen/aor_list.hpp"

namespace credsvc::loadgen {
namespace {

TEST(AorList, ReadsOneAorALine) {
  const auto aors = parse_aor_list("# users for the bench\nalice@example.test\r\n\n  sips:Bob@EXAMPLE.test  \nsip:carol@example.test");
  ASSERT_EQ(aors.size(), 3u);
  EXPECT_EQ(aors[0].canonical, "alice@example.test");
  EXPECT_EQ(aors[1].canonical, "Bob@example.test");
  EXPECT_EQ(aors[1].user, "Bob");
  EXPECT_EQ(aors[2].domain, "example.test");
}

TEST(AorList, NamesTheLineOfABadEntry) {
  try {
    parse_aor_list("alice@example.test\n\nnot-an-aor\n");
    FAIL() << "accepted a bad line";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "line 3: 'not-an-aor' is not an address-of-record (user@domain)");
  }
}

TEST(AorList, AnEmptyListIsRefused) {
  EXPECT_THROW(parse_aor_list("# nothing\n\n"), std::invalid_argument);
  EXPECT_THROW(parse_aor_list(""), std::invalid_argument);
}

}  // namespace
}  // namespace credsvc::loadgen
