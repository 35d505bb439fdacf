// The search index in shards: what each key lists, in the shards' own
// numbering (documents newest first), is what index.json gives, split into
// the documents whose title holds a key and the others, with those whose
// excerpt holds it; and the shards are the same bytes from build to build.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "common/base64.hpp"
#include "support/tiny_site.hpp"

using nlohmann::json;
using testing::TinySite;

namespace {

// Two notices, the older one with an attachment (index.json lists files
// after every notice; the shards number it among them by its date), and a
// word that begins another.
const char* const kSite = R"(-- content/notices/a.md --
---
title: 甲通知：智慧校园
date: 2020-03-02
---
智慧校园 docx。
-- content/notices/b.md --
---
title: 乙通知：智慧课堂
date: 2020-03-01
attachments:
  - title: 课堂说明
    file: /attachments/guide.txt
---
另附课堂 docxa。
-- content/attachments/guide.txt --
说明。
)";

// A list of a bucket: gaps, or a bitmap of every document in base64.
std::vector<unsigned> numbers_of(const json& list) {
    std::vector<unsigned> out;
    if (list.is_string()) {
        const std::string bits = common::from_base64(list.get<std::string>()).value();
        for (unsigned n = 0; n < bits.size() * 8; ++n)
            if (static_cast<unsigned char>(bits[n / 8]) & (1u << (n % 8))) out.push_back(n);
        return out;
    }
    unsigned id = 0;
    for (const auto& g : list) out.push_back(id += g.get<unsigned>());
    return out;
}

struct Shards {
    std::map<std::string, std::string> files;  // path under search/shards/ -> bytes
    json parts = {{"p", json::object()}, {"t", json::object()}, {"e", json::object()}};  // every bucket's together
    std::vector<unsigned> id_of_number;        // index.json's id of each document here
    std::vector<std::string> dates;            // of each document here

    explicit Shards(const TinySite& site) : files(testing::read_tree(site.out() / "search" / "shards")) {
        for (const auto& [path, bytes] : files) {
            if (path.rfind("t/", 0) != 0) continue;
            const json bucket = json::parse(bytes);
            for (const auto& [part, keys] : bucket.items()) parts[part].update(keys);
        }
        // d/0.json, d/1.json, ... in number order, not in the map's.
        for (std::size_t f = 0; files.count("d/" + std::to_string(f) + ".json"); ++f)
            for (const auto& d : json::parse(files.at("d/" + std::to_string(f) + ".json"))) {
                id_of_number.push_back(d[5]);
                dates.push_back(d[3]);
            }
    }
    // The documents of a part's key as index.json numbers them, ascending.
    std::vector<unsigned> ids(const std::string& part, const std::string& key) const {
        std::vector<unsigned> out;
        if (parts[part].contains(key))
            for (unsigned n : numbers_of(parts[part][key])) out.push_back(id_of_number.at(n));
        std::sort(out.begin(), out.end());
        return out;
    }
    // Those whose title holds the key and those whose other text does.
    std::vector<unsigned> holding(const std::string& key) const {
        std::vector<unsigned> out = ids("p", key), titled = ids("t", key);
        out.insert(out.end(), titled.begin(), titled.end());
        std::sort(out.begin(), out.end());
        return out;
    }
};

// index.json's id of the document titled `title`.
unsigned id_titled(const json& index, const std::string& title) {
    for (unsigned i = 0; i < index["docs"].size(); ++i)
        if (index["docs"][i][1] == title) return i;
    FAIL("no document titled " << title);
    return 0;
}

}  // namespace

TEST_CASE("the shards list for each key what index.json lists, numbered newest first") {
    TinySite site(kSite);
    REQUIRE(site.build().errors.empty());
    const json index = json::parse(site.read("search/index.json"));
    const Shards shards(site);
    const json manifest = json::parse(shards.files.at("manifest.json"));
    CHECK(manifest["docs"] == index["docs"].size());
    CHECK(manifest["kinds"] == index["kinds"]);
    // Newest first: each date no later than the one before, and the
    // attachment (last in index.json) right after its notice.
    REQUIRE(shards.dates.size() == index["docs"].size());
    CHECK(std::is_sorted(shards.dates.rbegin(), shards.dates.rend()));
    const unsigned a = id_titled(index, "甲通知：智慧校园"), b = id_titled(index, "乙通知：智慧课堂"), file = id_titled(index, "课堂说明");
    CHECK(file == index["docs"].size() - 1);
    const auto place = [&](unsigned id) { return std::find(shards.id_of_number.begin(), shards.id_of_number.end(), id) - shards.id_of_number.begin(); };
    CHECK(place(a) < place(b));
    CHECK(place(file) == place(b) + 1);
    // A pair as it is; a character with every key that holds it; a first
    // letter with every word it begins; no word of one letter alone.
    CHECK(shards.holding("智慧") == numbers_of(index["postings"]["智慧"]));
    CHECK(shards.holding("课堂") == numbers_of(index["postings"]["课堂"]));
    CHECK(shards.holding("课") == numbers_of(index["postings"]["课堂"]));
    CHECK(shards.holding("docxa") == numbers_of(index["postings"]["docxa"]));
    CHECK(shards.holding("d") == std::vector<unsigned>{std::min(a, b), std::max(a, b)});
    CHECK(!shards.parts["p"].contains("智慧课"));
    // Split by where the key is held: 课堂 in b's title and in the
    // attachment's, and in both their excerpts; 智慧 in both notices'
    // titles, and in the attachment's text, which names its notice.
    CHECK(shards.ids("t", "课堂") == std::vector<unsigned>{std::min(b, file), std::max(b, file)});
    CHECK(shards.ids("t", "智慧") == std::vector<unsigned>{std::min(a, b), std::max(a, b)});
    CHECK(shards.ids("p", "智慧") == std::vector<unsigned>{file});
    CHECK(shards.ids("e", "课堂") == std::vector<unsigned>{std::min(b, file), std::max(b, file)});
    CHECK(shards.ids("e", "校园") == std::vector<unsigned>{a});
    CHECK(shards.ids("e", "docx") == std::vector<unsigned>{a});
}

TEST_CASE("a list holding more than one document in 40 is a bitmap of them all") {
    // 41 notices all holding 公告, one of them 通报 too.
    std::string text;
    for (int i = 0; i < 41; ++i)
        text += "-- content/notices/n" + std::to_string(i) + ".md --\n---\ntitle: 第" + std::to_string(i) + "号\ndate: 2020-01-01\n---\n公告" +
                (i == 7 ? "通报" : "") + "。\n";
    TinySite site(text);
    REQUIRE(site.build().errors.empty());
    const json index = json::parse(site.read("search/index.json"));
    const Shards shards(site);
    CHECK(shards.parts["p"]["公告"].is_string());
    CHECK(shards.holding("公告") == numbers_of(index["postings"]["公告"]));
    CHECK(shards.parts["p"]["通报"].is_array());
    CHECK(shards.holding("通报") == numbers_of(index["postings"]["通报"]));
}

TEST_CASE("the shards are the same bytes from build to build and in another directory") {
    TinySite site(kSite), copy(kSite);
    REQUIRE(site.build().errors.empty());
    const auto first = Shards(site).files;
    REQUIRE(site.build().errors.empty());
    CHECK(Shards(site).files == first);
    REQUIRE(copy.build().errors.empty());
    CHECK(Shards(copy).files == first);
}
