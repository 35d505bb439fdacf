#pragma once
// Receiving one submission: stream the body, check who sends it and the
// rules of its call, validate it against its form, store it durably, and
// only then answer. Knows nothing of HTTP libraries.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/exchange.hpp"
#include "collector/git_committer.hpp"
#include "collector/pages.hpp"
#include "collector/receipt_keys.hpp"
#include "collector/refusal.hpp"
#include "collector/review_chain.hpp"
#include "collector/sign_in.hpp"
#include "collector/site_rules.hpp"
#include "collector/submission_store.hpp"

namespace collector {

struct IntakeLimits {
    std::size_t field_bytes = 64 * 1024;
    std::size_t fields_total = 512 * 1024;
    std::size_t file_bytes = 60u * 1024 * 1024;
    std::size_t body_bytes = 150u * 1024 * 1024;
};

using ChunkSink = std::function<bool(const char* data, std::size_t size)>;

struct IntakeRequest {
    std::string form;
    std::string content_type;
    std::string remote_addr;  // the client's, as collector::client_address() believes it
    bool wants_json = true;
    // Feeds the raw body to the sink chunk by chunk; false if the transfer broke.
    std::function<bool(const ChunkSink&)> read_body;
};

class UploadStore;

class Intake {
public:
    // With `uploads`, a submission may name finished resumable uploads instead of carrying their files.
    Intake(const SiteRules& rules, Pages& pages, SubmissionStore& store, SignIn& sign_in, ReviewChain& chain, GitCommitter& git, AuditLog& audit,
           const Clock& clock, IntakeLimits limits = {}, const ReceiptKeys* keys = nullptr, UploadStore* uploads = nullptr);

    Reply receive(const IntakeRequest& request);
    // The receipt page of a stored version, in Chinese; 404 unless `receipt` matches.
    Reply receipt_page(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt);
    // The same version's receipt as a file signed with the receipt key; 404
    // as the page is, and when the collector has no key.
    Reply signed_receipt(const std::string& form, const std::string& unit, const std::string& version, const std::string& receipt);
    // busy_refusal() as a submission's or a receipt's refusal: JSON or the refusal page.
    Reply busy(bool wants_json);

private:
    // One request on its way through the stages of receive (intake.cpp).
    struct Submission;
    std::optional<Refusal> authorise(Submission& s);
    std::optional<Refusal> take_uploads(Submission& s);
    std::optional<Refusal> validate(Submission& s) const;
    std::optional<Refusal> keep_files(Submission& s) const;
    void store(Submission& s);
    Reply refuse(const Refusal& refusal, Submission& s);
    Reply accept(const Submission& s) const;
    std::optional<common::StoredVersion> receipted(const std::string& form, const std::string& unit, const std::string& version,
                                                   const std::string& receipt) const;

    const SiteRules& rules_;
    Pages& pages_;
    SubmissionStore& store_;
    SignIn& sign_in_;
    ReviewChain& chain_;
    GitCommitter& git_;
    AuditLog& audit_;
    const Clock& clock_;
    IntakeLimits limits_;
    const ReceiptKeys* keys_;
    UploadStore* uploads_;
};

}  // namespace collector
