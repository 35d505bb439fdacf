#pragma once
// The online form of a call: the same form definition as the printed page,
// as a <form> that posts multipart/form-data to the collector.

#include "generator/views.hpp"

namespace gen {

// The form, the privacy notice before it, and what its script needs to check
// fields as the collector will: the field list, the sum rules and the
// collector's own message templates, as JSON.
View online_form_view(const ViewContext& ctx, const FormDef& form, const Call& call);


}  // namespace gen
