// The search index in shards: what each key lists, in the shards' own
// numbering (documents in title order), is what index.json gives, and the
// shards are the same bytes from build to build.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/tiny_site.hpp"

using nlohmann::json;
using testing::TinySite;

namespace {

// Two notices whose titles sort against their order on the site (newest
// first), and a word that begins another.
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
---
智慧课堂 docxa。
)";

std::vector<unsigned> ids_of(const json& gaps) {
    std::vector<unsigned> out;
    unsigned id = 0;
    for (const auto& g : gaps) out.push_back(id += g.get<unsigned>());
    return out;
}

struct Shards {
    std::map<std::string, std::string> files;  // path under search/shards/ -> bytes
    json keys = json::object();                // every bucket's keys together
    std::vector<unsigned> id_of_rank;          // index.json's id of each document here

    explicit Shards(const TinySite& site) : files(testing::read_tree(site.out() / "search" / "shards")) {
        for (const auto& [path, bytes] : files) {
            if (path.rfind("t/", 0) == 0) keys.update(json::parse(bytes));
            if (path.rfind("d/", 0) == 0)
                for (const auto& d : json::parse(bytes)) id_of_rank.push_back(d[4]);
        }
    }
    // A key's documents as index.json numbers them, ascending.
    std::vector<unsigned> ids(const std::string& key) const {
        std::vector<unsigned> out;
        for (unsigned rank : ids_of(keys.at(key))) out.push_back(id_of_rank.at(rank));
        std::sort(out.begin(), out.end());
        return out;
    }
};

}  // namespace

TEST_CASE("the shards list for each key what index.json lists, numbered in title order") {
    TinySite site(kSite);
    REQUIRE(site.build().errors.empty());
    const json index = json::parse(site.read("search/index.json"));
    const Shards shards(site);
    const json manifest = json::parse(shards.files.at("manifest.json"));
    CHECK(manifest["docs"] == index["docs"].size());
    CHECK(manifest["kinds"] == index["kinds"]);
    // Titles in byte order: 乙 (U+4E59) before 甲 (U+7532), against the site's order.
    CHECK(json::parse(shards.files.at("n/0.json")) == json::array({json::array({"乙通知：智慧课堂", 1}), json::array({"甲通知：智慧校园", 1})}));
    CHECK(shards.id_of_rank == std::vector<unsigned>{1, 0});
    CHECK(index["docs"][1][1] == "乙通知：智慧课堂");
    // A pair as it is; a character with every key that holds it; a first
    // letter with every word it begins; no word of one letter alone.
    CHECK(shards.ids("智慧") == ids_of(index["postings"]["智慧"]));
    CHECK(shards.ids("课堂") == ids_of(index["postings"]["课堂"]));
    CHECK(shards.ids("课") == ids_of(index["postings"]["课堂"]));
    CHECK(shards.ids("智") == std::vector<unsigned>{0, 1});
    CHECK(shards.ids("docxa") == ids_of(index["postings"]["docxa"]));
    CHECK(shards.ids("d") == std::vector<unsigned>{0, 1});
    CHECK(!shards.keys.contains("智慧课"));
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
