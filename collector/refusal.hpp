#pragma once
// Why a request is not done, as the stage that refuses it finds it, and the
// one way it is answered: JSON for scripts, a page for browsers.

#include <functional>
#include <string>
#include <vector>

#include "collector/exchange.hpp"
#include "common/form_validation.hpp"

namespace collector {

struct Refusal {
    int status;
    std::string code, field, message;
    std::vector<common::FieldError> all;  // every field error, when validation failed
    int retry_after = 0;                  // seconds, when refused for a while (429)
};

// {"error": {"code", "field", "message"}, "errors": [...]} when the client
// asks for JSON, else the page `render` makes; Retry-After on both.
Reply refusal_reply(const Refusal& refusal, bool wants_json, const std::function<std::string()>& render);

}  // namespace collector
