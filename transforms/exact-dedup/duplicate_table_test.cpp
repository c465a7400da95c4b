#include "duplicate_table.h"

#include <gtest/gtest.h>

namespace dpk::exact_dedup {
namespace {

TEST(DuplicateTable, KeepsTheSmallestPositionPerHashInAnyRecordOrder) {
  HashRecords r;
  std::string_view a = "kept", b = "other";
  r.add(1, 2, make_position(3, 10), &b);
  r.add(1, 2, make_position(0, 99), &a);  // file 0 comes before file 3
  r.add(1, 2, make_position(3, 4), nullptr);
  r.add(5, 6, make_position(1, 1), nullptr);  // unique: not in the table
  DuplicateTable t;
  t.add_groups(r, /*keep_members=*/true);
  t.seal();
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.copies(), 2u);
  const DupEntry* kept = t.find(make_position(0, 99));
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->kept_pos, kept->pos);
  EXPECT_EQ(kept->count, 3u);
  const DupEntry* copy = t.find(make_position(3, 4));
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->kept_pos, make_position(0, 99));
  EXPECT_EQ(t.kept_id(*copy), "kept");
  EXPECT_EQ(t.find(make_position(1, 1)), nullptr);
}

TEST(DuplicateTable, SerializedEntriesAreFilteredToTheShardsFiles) {
  HashRecords r;
  r.add(9, 9, make_position(0, 1), nullptr);
  r.add(9, 9, make_position(1, 1), nullptr);
  r.add(9, 9, make_position(2, 1), nullptr);
  std::string bytes;
  HashRecords copy;
  r.serialize(bytes);
  ASSERT_TRUE(copy.parse(bytes, "x").ok());
  DuplicateTable all;
  all.add_groups(copy, true);
  bytes.clear();
  all.serialize(bytes);
  DuplicateTable shard1;  // files 1 of 2: file index 1 only
  ASSERT_TRUE(shard1.parse(bytes, "x", 1, 2).ok());
  shard1.seal();
  EXPECT_EQ(shard1.size(), 1u);
  ASSERT_NE(shard1.find(make_position(1, 1)), nullptr);
  EXPECT_EQ(position_text(shard1.find(make_position(1, 1))->kept_pos), "0:1");
  EXPECT_FALSE(shard1.parse(bytes.substr(0, bytes.size() - 3), "x", 0, 1).ok());
}

}  // namespace
}  // namespace dpk::exact_dedup
