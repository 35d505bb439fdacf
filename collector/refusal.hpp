#pragma once
// Why a submission is not received, as each stage of the intake finds it.

#include <string>
#include <vector>

#include "common/form_validation.hpp"

namespace collector {

struct Refusal {
    int status;
    std::string code, field, message;
    std::vector<common::FieldError> all;  // every field error, when validation failed
};

}  // namespace collector
