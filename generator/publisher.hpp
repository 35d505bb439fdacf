#pragma once
// The one way into the public output: every page, leave page, download,
// feed, sitemap, search index and copy passes here, so that each gets the
// checks it needs and none is written unchecked.

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostic.hpp"
#include "generator/markdown.hpp"
#include "generator/output_plan.hpp"
#include "generator/personal_check.hpp"
#include "generator/site_model.hpp"
#include "generator/writer.hpp"

namespace gen {

class Publisher {
public:
    Publisher(const Config& config, const OutputPlan& plan, Writer& writer, PersonalDataCheck& personal, common::Diagnostics& diags)
        : config_(config), plan_(plan), writer_(writer), personal_(personal), diags_(diags) {}

    // An HTML page at site-relative `url`: its links are checked against the
    // plan (problems reported at `shown`, its template), except `checked`
    // ones, already reported at their source line; links to other hosts are
    // sent through the leave pages of the plan. Thread-safe.
    void page(const std::string& url, const std::string& html, const std::string& shown,
              const std::vector<InternalLink>& checked = {});
    // Any other generated file; `text` is its words when its bytes hide them
    // (zipped office files). Thread-safe.
    void file(const std::string& path, std::string_view bytes, std::string_view text);
    void file(const std::string& path, std::string_view text) { file(path, text, text); }
    // A generated text file written in pieces, each ending where no number
    // can go on (the search index, after its brackets). Thread-safe.
    void file_in_pieces(const std::string& path, const std::function<void(const std::function<void(std::string_view)>&)>& produce);
    // A file copied as it is; text files were scanned as sources. Thread-safe.
    void copy(const StaticFile& f);
    // Updating the output in place: an output left as the last build wrote
    // it, already checked then; false if it is not there. Thread-safe.
    bool keep(const std::string& path) { return writer_.keep(path); }

private:
    void check_links(const std::string& url, const std::string& html, const std::string& shown,
                     const std::vector<InternalLink>& checked);
    void check_leave_pages(const std::string& url, const std::set<std::string>& destinations, const std::string& shown);

    const Config& config_;
    const OutputPlan& plan_;
    Writer& writer_;
    PersonalDataCheck& personal_;
    common::Diagnostics& diags_;
};

}  // namespace gen
