#include "generator/review/internal_site.hpp"

#include "common/data_layout.hpp"
#include "common/urls.hpp"
#include "office/form_document.hpp"
#include "generator/review/internal_views.hpp"

namespace gen {
namespace {

// The version as its paper form, filled in: the DOCX to print and stamp,
// and for a form built around a table (申报汇总表) the spreadsheet too.
void write_filled_forms(Writer& writer, const Site& site, const Submission& s) {
    const FormDef* form = site.form(s.form);
    if (!form) return;
    const std::string date = s.received_at.substr(0, 10);
    writer.write(internal_url(s) + common::kFilledDocx, office::filled_docx(form->form, site.info.bureau, date, s.fields));
    if (office::is_table_form(form->form))
        writer.write(internal_url(s) + common::kFilledXlsx, office::filled_xlsx(form->form, site.info.bureau, date, s.fields));
}

}  // namespace

void write_internal_site(Writer& writer, common::Templates templates, const ViewContext& ctx, const std::filesystem::path& data_dir,
                         const common::StaticFile* stylesheet) {
    const auto& subs = ctx.site.submissions;
    if (stylesheet) writer.copy(kInternalStylesheet, stylesheet->source_path, false);
    writer.write("index.html", templates.render("internal_index", internal_index_view(ctx)));
    for (const Call& call : ctx.site.calls)
        if (has_versions(ctx.site, call)) writer.write(internal_call_url(call) + "index.html", templates.render("internal_call", internal_call_view(ctx, call)));
    for (std::size_t i = 0; i < subs.size(); ++i) {
        const Submission& s = subs[i];
        const bool same_unit = i > 0 && subs[i - 1].form == s.form && subs[i - 1].unit == s.unit;
        writer.write(internal_url(s) + "index.html", templates.render("internal_version", internal_version_view(ctx, s, same_unit ? &subs[i - 1] : nullptr)));
        write_filled_forms(writer, ctx.site, s);
        // Copies, not links: the stored uploads are records whose hashes are in git.
        for (const auto& f : s.files) writer.copy(internal_url(s) + f.name, common::DataLayout(data_dir).upload(s.key(), f.name), false);
    }
}

}  // namespace gen
