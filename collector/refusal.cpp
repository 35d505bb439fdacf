#include "collector/refusal.hpp"

#include <nlohmann/json.hpp>

namespace collector {

Reply refusal_reply(const Refusal& r, bool wants_json, const std::function<std::string()>& render) {
    Reply reply = wants_json ? json_error(r.status, r.code, r.field, r.message) : html_reply(r.status, render());
    if (wants_json && !r.all.empty()) {
        nlohmann::json j = nlohmann::json::parse(reply.body);
        j["errors"] = nlohmann::json::array();
        for (const auto& e : r.all) j["errors"].push_back({{"code", e.code}, {"field", e.field}, {"message", e.message}});
        reply.body = j.dump() + "\n";
    }
    if (r.retry_after > 0) reply.headers.emplace_back("Retry-After", std::to_string(r.retry_after));
    return reply;
}

}  // namespace collector
