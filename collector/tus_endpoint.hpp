#pragma once
// The tus 1.0 protocol over the upload store: core (HEAD, PATCH, OPTIONS)
// with the creation, expiration, checksum and termination extensions. Creating an upload
// needs the unit's access code, as the form's own submission does: a
// school's online form has no session, and the same SignIn limits guessing.
// Each upload's address is then a secret of 128 random bits, and a
// submission takes an upload only for the unit that created it.
// Knows nothing of HTTP libraries.

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "collector/audit_log.hpp"
#include "collector/clock.hpp"
#include "collector/exchange.hpp"
#include "collector/sign_in.hpp"
#include "collector/site_rules.hpp"
#include "collector/upload_store.hpp"

namespace collector {

struct TusRequest {
    std::string method;  // OPTIONS, POST (creation), HEAD, PATCH, DELETE (termination)
    std::string id;      // the upload's, empty at the collection
    std::function<std::string(const std::string& name)> header;  // empty when not sent
    std::string content_type;
    std::string client;  // as collector::client_address() believes it
    std::function<bool(const ChunkSink&)> read_body;
};

class TusEndpoint {
public:
    // Each creation, made or refused, is a line of the audit log, as a submission is.
    TusEndpoint(const SiteRules& rules, SignIn& sign_in, UploadStore& uploads, AuditLog& audit, const Clock& clock);
    Reply handle(const TusRequest& request);
    Reply busy() const;  // busy_refusal(), as tus answers it

private:
    Reply create(const TusRequest& request);
    std::optional<Refusal> create(const TusRequest& request, UploadMeta& meta, std::string& id);
    Reply patch(const TusRequest& request);
    Reply head(const TusRequest& request);

    const SiteRules& rules_;
    SignIn& sign_in_;
    UploadStore& uploads_;
    AuditLog& audit_;
    const Clock& clock_;
};

// "key base64,key2 base64" (Upload-Metadata) -> {key: decoded}; nothing when malformed.
std::optional<std::map<std::string, std::string>> parse_upload_metadata(const std::string& header);

}  // namespace collector
