// A 选题指南 from its text: numbered topics (一、title), each followed by
// 试点条件：… and 试点方向：…, and perhaps 申报对象：….

#include "common/text.hpp"
#include "generator/import/attachment_kinds.hpp"
#include "generator/import/body_markdown.hpp"
#include "generator/import/data_json.hpp"
#include "generator/import/word_text.hpp"

namespace gen::import {

namespace {

const char* const kConditions = "试点条件：";
const char* const kDirections = "试点方向：";
const char* const kApplicants = "申报对象：";

}  // namespace

bool looks_like_topic_guide(const std::vector<std::string>& paragraphs) {
    bool topic = false, conditions = false;
    for (const std::string& p : paragraphs) {
        topic = topic || official_level(p) == 1;
        conditions = conditions || common::starts_with(p, kConditions);
    }
    return topic && conditions;
}

std::optional<DataFile> topic_guide_file(const std::string& where, const std::string& title, const std::vector<std::string>& paragraphs,
                                         Problems& problems) {
    const std::size_t before = problems.size();
    const std::string year = year_of_title(title);
    if (year.empty()) problems.push_back({where, "no year (2019年) in the title \"" + title + "\" to name data/topics/YEAR.json"});
    std::vector<std::string> heading;
    nlohmann::ordered_json topics = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const std::string& p = paragraphs[i];
        const std::string place = where + " paragraph " + std::to_string(i + 1);
        if (official_level(p) == 1) {
            const std::size_t mark = p.find("、");
            topics.push_back({{"number", p.substr(0, mark)}, {"title", trim_spaces(p.substr(mark + std::string("、").size()))}});
            continue;
        }
        if (topics.empty()) {
            heading.push_back(p);  // the guide's title lines
            continue;
        }
        bool placed = false;
        for (const auto& [label, key] : {std::pair{kConditions, "conditions"}, {kDirections, "directions"}, {kApplicants, "applicants"}})
            if (common::starts_with(p, label)) {
                nlohmann::ordered_json& topic = topics.back();
                if (topic.contains(key)) problems.push_back({place, std::string("a second ") + label + " in topic " + topic["number"].get<std::string>()});
                topic[key] = trim_spaces(p.substr(std::string(label).size()));
                placed = true;
            }
        if (!placed) problems.push_back({place, "\"" + p + "\" is neither a topic (一、…) nor its 试点条件, 试点方向 or 申报对象"});
    }
    for (std::size_t t = 0; t < topics.size(); ++t)
        for (const char* key : {"conditions", "directions"})
            if (!topics[t].contains(key))
                problems.push_back({where, "topic " + topics[t]["number"].get<std::string>() + " has no " + (key == std::string("conditions") ? kConditions : kDirections)});
    if (problems.size() != before) return std::nullopt;
    nlohmann::ordered_json doc;
    doc["title"] = title;
    doc["heading"] = heading.empty() ? std::vector<std::string>{title} : heading;
    doc["topics"] = topics;
    return DataFile{"topics/" + year + ".json", data_json_text(doc)};
}

}  // namespace gen::import
