#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dpk/document_parser.h"
#include "dpk/transform.h"

namespace dpk {
namespace {

// A parsed line and the padded buffer its Document points into.
struct Line {
  std::string buf;
  Document doc;
};

std::unique_ptr<Line> parse(const std::string& json, const Schema& schema) {
  static DocumentParser parser;
  auto l = std::make_unique<Line>();
  l->buf = json + std::string(DocumentParser::kPadding, ' ');
  std::string err;
  EXPECT_TRUE(parser.parse(std::string_view(l->buf.data(), json.size()), l->buf.size(), schema, l->doc, err))
      << err;
  return l;
}

struct Configured {
  Schema schema;
  StatusOr<ConfiguredStep> step = Status::Usage("unset");
};

// Runs convert's own declaration: option validation, configure, factory.
std::unique_ptr<Configured> configure(const std::vector<std::pair<std::string, std::string>>& opts,
                                      std::string output = "-") {
  const TransformSpec* spec = find_transform("convert");
  EXPECT_NE(spec, nullptr);
  auto c = std::make_unique<Configured>();
  OptionValues v;
  for (const auto& [k, val] : opts) v.add(k, val);
  Status s = validate_options(spec->options, v, "");
  if (!s.ok()) {
    c->step = s;
    return c;
  }
  StepContext ctx;
  ctx.output = output;
  ctx.output_is_dir = !output.empty() && output.back() == '/';
  c->step = spec->configure(v, ctx);
  return c;
}

std::string convert_line(const std::vector<std::pair<std::string, std::string>>& opts, const std::string& json) {
  auto c = configure(opts);
  if (!c->step.ok()) return "error: " + c->step.status().message();
  auto t = c->step->make();
  auto* dt = dynamic_cast<DocumentTransform*>(t.get());
  EXPECT_NE(dt, nullptr);
  auto l = parse(json, c->schema);
  dt->apply(l->doc);
  std::string out;
  l->doc.serialize(out);
  return out;
}

TEST(Convert, NoOptionsCopiesBytes) {
  const std::string in = R"({"id": 1, "text":"a b" , "x":[1,2]})";
  EXPECT_EQ(convert_line({}, in), in);
}

TEST(Convert, KeepFieldsKeepsTextAndId) {
  EXPECT_EQ(convert_line({{"keep-fields", "lang"}},
                         R"({"id":"d1","url":"u","text":"hi","lang":"en","meta":{"a":1}})"),
            R"({"id":"d1","text":"hi","lang":"en"})");
}

TEST(Convert, DropFields) {
  EXPECT_EQ(convert_line({{"drop-fields", "url,meta"}, {"drop-fields", "absent"}},
                         R"({"url":"u", "text":"hi","meta":{"a":1},"lang":"en"})"),
            R"({"text":"hi","lang":"en"})");
  // The id may be dropped.
  EXPECT_EQ(convert_line({{"drop-fields", "id"}}, R"({"id":3,"text":"t"})"), R"({"text":"t"})");
}

TEST(Convert, RenameMovesValueLast) {
  EXPECT_EQ(convert_line({{"rename", "url=source_url"}}, R"({"url":"http://x","text":"t","n":1})"),
            R"({"text":"t","n":1,"source_url":"http://x"})");
  // An existing target is overwritten in place; a missing source is a no-op.
  EXPECT_EQ(convert_line({{"rename", "a=b,zz=yy"}}, R"({"b":0,"text":"t","a":{"k":[1]}})"),
            R"({"b":{"k":[1]},"text":"t"})");
}

TEST(Convert, KeepFieldsKeepsRenameSources) {
  EXPECT_EQ(convert_line({{"keep-fields", "lang"}, {"rename", "url=source"}},
                         R"({"url":"u","junk":1,"text":"t","lang":"de"})"),
            R"({"text":"t","lang":"de","source":"u"})");
}

TEST(Convert, ReusedInstanceGivesSameBytes) {
  auto c = configure({{"keep-fields", "a"}, {"rename", "a=b"}});
  ASSERT_TRUE(c->step.ok());
  auto t = c->step->make();
  auto* dt = dynamic_cast<DocumentTransform*>(t.get());
  for (int i = 0; i < 3; ++i) {
    auto l = parse(R"({"a":"v)" + std::to_string(i) + R"(","x":1,"text":"t"})", c->schema);
    dt->apply(l->doc);
    std::string out;
    l->doc.serialize(out);
    EXPECT_EQ(out, R"({"text":"t","b":"v)" + std::to_string(i) + R"("})");
  }
}

TEST(Convert, RejectsContradictions) {
  for (const auto& opts : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"rename", "text=content"}},
           {{"rename", "body=text"}},
           {{"rename", "id=doc_id"}},
           {{"rename", "a"}},
           {{"rename", "=b"}},
           {{"rename", "a=a"}},
           {{"rename", "a=b,b=a"}},
           {{"rename", "a=b,c=b"}},
           {{"drop-fields", "text"}},
           {{"drop-fields", "a"}, {"keep-fields", "b"}},
           {{"drop-fields", "a"}, {"rename", "a=b"}},
           {{"shards", "-1"}},
       }) {
    auto c = configure(opts);
    ASSERT_FALSE(c->step.ok()) << opts[0].first << " " << opts[0].second;
    EXPECT_EQ(c->step.status().code(), StatusCode::kUsage);
  }
  auto c = configure({{"rename", "text=content"}});
  EXPECT_NE(c->step.status().message().find("--text-key"), std::string::npos) << c->step.status().message();
}

TEST(Convert, LayoutFromOptions) {
  auto c = configure({{"shards", "3"}}, "parts/");
  ASSERT_TRUE(c->step.ok()) << c->step.status().message();
  ASSERT_TRUE(c->step->layout.has_value());
  EXPECT_EQ(c->step->layout->shards, 3u);

  c = configure({{"part-bytes", "2K"}, {"part-docs", "100"}}, "parts/");
  ASSERT_TRUE(c->step.ok()) << c->step.status().message();
  EXPECT_EQ(c->step->layout->max_file_bytes, 2048u);
  EXPECT_EQ(c->step->layout->max_file_docs, 100u);
  EXPECT_EQ(c->step->layout->shards, 0u);

  c = configure({}, "parts/");
  ASSERT_TRUE(c->step.ok());
  EXPECT_FALSE(c->step->layout.has_value());

  c = configure({{"shards", "3"}, {"part-docs", "10"}}, "parts/");
  EXPECT_EQ(c->step.status().code(), StatusCode::kUsage);
  c = configure({{"shards", "3"}}, "out.jsonl");
  EXPECT_EQ(c->step.status().code(), StatusCode::kUsage);
  EXPECT_NE(c->step.status().message().find("directory"), std::string::npos);
}

}  // namespace
}  // namespace dpk
