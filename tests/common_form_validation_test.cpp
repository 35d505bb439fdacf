// The shared validation of submissions, on the bundled form definitions.

#include <catch2/catch.hpp>

#include "common/form_validation.hpp"
#include "support/tiny_site.hpp"

namespace {

common::Form bundled_form(const std::string& id) {
    const auto file = common::load_json(std::filesystem::path(REPO_ROOT) / "data/forms" / (id + ".json"), id);
    return common::parse_form(file, id);
}

std::string codes(const std::vector<common::FieldError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.code + ":" + e.field + " ";
    return out;
}

common::FormValues valid_task_book() {
    common::FormValues v{{"unit_name", "汨罗市正则学校"}, {"project_name", "智慧教育实践与探究"},
                         {"project_leader", "何发意"}, {"contact_phone", "0730-8805708"}};
    for (const char* year : {"2021", "2022", "2023"}) {
        const std::string y = year;
        v["budget_total." + y] = "30.5";
        v["budget_higher." + y] = "10";
        v["budget_self." + y] = "20.50";
        v["budget_items." + y + ".0.item"] = "智慧课堂";
        v["budget_items." + y + ".0.cost"] = "20.25";
        v["budget_items." + y + ".1.item"] = "教师培训";
        v["budget_items." + y + ".1.cost"] = "10.25";
    }
    return v;
}

}  // namespace

TEST_CASE("a complete task book passes") {
    const auto errors = common::validate_form(bundled_form("task-book-2020"), valid_task_book());
    INFO(codes(errors));
    CHECK(errors.empty());
}

TEST_CASE("a budget whose parts do not add up names the total of that year") {
    auto v = valid_task_book();
    v["budget_self.2022"] = "19.5";
    const auto errors = common::validate_form(bundled_form("task-book-2020"), v);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "sum_mismatch");
    CHECK(errors[0].field == "budget_total.2022");
    CHECK(errors[0].message == "经费总数（万元）（2022年）应等于上级部门配套经费（万元）与自筹经费（万元）之和：填写30.5，合计29.5");
}

TEST_CASE("breakdown rows that do not sum to the total are refused") {
    auto v = valid_task_book();
    v["budget_items.2023.1.cost"] = "10.24";
    const auto errors = common::validate_form(bundled_form("task-book-2020"), v);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "column_sum_mismatch");
    CHECK(errors[0].field == "budget_total.2023");
}

TEST_CASE("money has at most two decimals") {
    long long h = 0;
    CHECK(common::parse_money("12.3", h));
    CHECK(h == 1230);
    CHECK(common::parse_money("0.05", h));
    CHECK(h == 5);
    CHECK_FALSE(common::parse_money("1.234", h));
    CHECK_FALSE(common::parse_money("-1", h));
    CHECK_FALSE(common::parse_money("1e3", h));
    auto v = valid_task_book();
    v["budget_higher.2021"] = "10.001";
    const auto errors = common::validate_form(bundled_form("task-book-2020"), v);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "bad_money");
    CHECK(errors[0].field == "budget_higher.2021");
}

TEST_CASE("the application's summary is limited to 1000 characters, not bytes") {
    const auto form = bundled_form("application-2019");
    common::FormValues v{{"unit_name", "岳阳县城南小学"}, {"project_name", "数字校园"}, {"leader", "某某"}, {"leader_mobile", "13912345678"},
                         {"contact", "某某"}, {"contact_mobile", "13812345678"}, {"work_plan", "方案.pdf"}};
    std::string summary;
    for (int i = 0; i < 1000; ++i) summary += "字";  // 3,000 bytes
    v["plan_summary"] = summary;
    const auto ok = common::validate_form(form, v);
    INFO(codes(ok));
    CHECK(ok.empty());
    v["plan_summary"] = summary + "多";
    const auto errors = common::validate_form(form, v);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "too_long");
    CHECK(errors[0].message == "试点实施方案要点（1000字以内，可另附页）不能超过1000字（现为1001字）");
}

TEST_CASE("missing, malformed and unknown fields are each named") {
    const auto form = bundled_form("application-2019");
    const auto errors = common::validate_form(form, {{"unit_name", "甲校"}, {"leader_mobile", "1391234567"}, {"favourite", "x"}});
    const std::string c = codes(errors);
    CHECK(c.find("unknown_field:favourite") != std::string::npos);
    CHECK(c.find("bad_mobile:leader_mobile") != std::string::npos);
    CHECK(c.find("required:project_name") != std::string::npos);
    CHECK(c.find("required:unit_name") == std::string::npos);
}

// The cases the online forms' script is tested on too (tests/e2e/validation_parity.test.js):
// both must give these errors, in this order, word for word.
TEST_CASE("the collector's validation gives the errors of every shared case, in order and word for word") {
    const auto file = common::load_json(std::filesystem::path(REPO_ROOT) / "tests/validation_cases.json", "tests/validation_cases.json");
    int checked = 0;
    for (const auto& c : file.value.at("cases")) {
        INFO(c.at("name").get<std::string>());
        common::FormValues values = file.value.at("bases").at(c.at("base").get<std::string>()).get<common::FormValues>();
        for (const auto& [k, v] : c.at("set").items()) values[k] = v.get<std::string>();
        const auto errors = common::validate_form(bundled_form(c.at("form").get<std::string>()), values);
        std::string got, want;
        for (const auto& e : errors) got += e.code + "|" + e.field + "|" + e.message + "\n";
        for (const auto& e : c.at("errors")) want += e.at("code").get<std::string>() + "|" + e.at("field").get<std::string>() + "|" + e.at("message").get<std::string>() + "\n";
        CHECK(got == want);
        ++checked;
    }
    CHECK(checked >= 10);
}
