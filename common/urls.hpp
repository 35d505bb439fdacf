#pragma once
// Every URL of the site and of the collector's API, in one place: the
// generator writes pages and links at these paths, the collector routes them.
// Paths are relative to the site root ("notices/x/"); pages add the base path,
// and the collector sees them under "/" because nginx strips the base path.

#include <cstddef>
#include <string>

namespace common {

// config.json's base_url as origin ("https://host[:port]") and path ("/a/b/",
// always ending in '/'); false unless an absolute http(s) URL without query.
bool split_base_url(const std::string& url, std::string& origin, std::string& path);

std::string notice_url(const std::string& slug);                        // "notices/SLUG/"
std::string data_url(const std::string& kind, const std::string& key);  // kind: quotas, topics, lists, forms, calls
std::string online_form_url(const std::string& form_key);               // "forms/KEY/fill/"
std::string pilots_url(const std::string& list);                         // "lists/LIST/pilots/": where each pilot of a list stands
std::string publicity_url(const std::string& call);                    // "calls/CALL/publicity/": the 公示 of its 拟立项 list
std::string mode_url(bool elder);                                       // where nginx switches 长者模式 on or off
// "leave/<16 hex digits>/": the page before a link to another host; the
// same destination always gets the same page.
std::string leave_url(const std::string& destination);
// Id of the index-th (from 0) topic, row or entry on a data page, so that
// search results can lead to the very row: item_anchor("row", 0) is "row-1".
std::string item_anchor(const std::string& kind, std::size_t index);
// The search index whole, as search/index.json, and cut into files under
// search/shards/ (its manifest.json names the folders, search.js the files
// in them): "search/shards/FOLDER/NUMBER.json".
std::string search_index_url();
std::string search_shards_url();
std::string search_shard_url(const std::string& folder, std::size_t number);
// The file a URL is written to: "x/" -> "x/index.html", "" -> "index.html".
std::string output_path(const std::string& url);

// The collector's API.
std::string health_api();                                  // "api/health"
std::string submission_api(const std::string& form);      // POST a version: "api/submissions/FORM"
std::string receipt_api(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt);
// The receipt as a file signed by the bureau (collector/signed_receipt.hpp), beside the receipt page.
std::string signed_receipt_api(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt);
// Resumable uploads (tus 1.0): created at "api/uploads", each then at "api/uploads/ID".
std::string uploads_api();
std::string upload_api(const std::string& id);
// The same routes as patterns for the collector's router, from "/", with the
// form, unit and version names captured in that order.
std::string submission_route();
std::string receipt_route();
std::string signed_receipt_route();
std::string uploads_route();
std::string upload_route();  // capturing the upload's id
// A receipt key's public half as the site publishes it, from content/receipt-keys/: "receipt-keys/KEYID.pem".
std::string receipt_key_url(const std::string& key_id);

// The collector's signed-in pages (behind nginx under the base path, as the API).
std::string account_url(const std::string& page = "");  // "account/" + page: account_url() is the signed-in home page
std::string sign_in_url();                               // "account/sign-in/"
std::string sign_out_url();                              // "account/sign-out/"
// A signed-in page's pattern for the collector's table of pages (from "/"):
// "/account/" + `page`, where each "{name}" (a form key, a unit id) and each
// "{version}" ("v0001") is captured, in order. `page` holds no other regex
// syntax: account_route("versions/{name}/{name}/{version}/"); "{number}" captures a whole number from 1.
std::string account_route(const std::string& page);
std::string account_routes();  // every path under account/, as the router hands them to the table

// The review chain's pages, under account/. A page's forms post back to it.
std::string review_call_url(const std::string& call);  // "account/calls/CALL/": one call as the viewer's role works on it
std::string review_pilot_url(const std::string& call, const std::string& unit);  // "account/calls/CALL/pilots/UNIT/": a pilot's registry
std::string review_version_url(const std::string& form, const std::string& unit, const std::string& version);  // ".../VNNNN/"
std::string review_file_url(const std::string& form, const std::string& unit, const std::string& version, const std::string& name);      // shown in the browser
std::string review_download_url(const std::string& form, const std::string& unit, const std::string& version, const std::string& name);  // saved
// A version's form filled in, as office files, beside its page: signed in,
// and in the offline archive. The XLSX only for a form built around a table;
// the PDF, the copy a school prints, stamps and scans, only signed in.
inline constexpr const char* kFilledDocx = "form.docx";
inline constexpr const char* kFilledXlsx = "form.xlsx";
inline constexpr const char* kFilledPdf = "form.pdf";
// As routes for the table of pages: capturing call; or form, unit, version (and the file's name).
std::string review_call_route();
std::string review_version_route();
std::string review_pilot_route();
std::string review_file_route();
std::string review_download_route();
std::string review_filled_route(const char* name);  // name: kFilledDocx, kFilledXlsx or kFilledPdf
// Where a school POSTs the 盖章扫描件 of its version (multipart, the one
// signed-in form that carries a file): ".../vNNNN/stamped-scan".
std::string stamped_scan_url(const std::string& form, const std::string& unit, const std::string& version);
std::string stamped_scan_route();

// City staff's page of expert accounts: who they are, and a form to open one.
std::string experts_url();    // "account/experts/"
std::string experts_route();

// An expert's pages name an application by the number of the act that
// accepted it, never by its unit: "account/reviews/CALL/N/", its files by
// their place (files/1, from 1) and, once the expert's own score is in, all
// the scores (scores/).
std::string assignment_url(const std::string& call, int number);
std::string assignment_file_url(const std::string& call, int number, std::size_t index);  // index from 0
std::string assignment_scores_url(const std::string& call, int number);
std::string assignment_route();  // capturing call, number
std::string assignment_file_route();  // and the file's place
std::string assignment_scores_route();

}  // namespace common
