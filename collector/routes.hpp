#pragma once
// The HTTP face of the collector; the only code that includes httplib.h.

#include <functional>
#include <string>

#include "collector/admission.hpp"
#include "collector/intake.hpp"
#include "collector/signed_in_pages.hpp"
#include "collector/tus_endpoint.hpp"

namespace collector {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 0;  // 0: any free port
    std::size_t body_limit = IntakeLimits{}.body_bytes;
    AdmissionLimits admission;
    // The peer whose X-Real-IP and X-Forwarded-Proto are believed: nginx,
    // which sets both for every request it passes (deploy/nginx/site.conf.in).
    std::string trusted_proxy = "127.0.0.1";
    TusEndpoint* uploads = nullptr;  // resumable uploads, when set
    std::function<void(int port)> on_listening;  // called once bound, before serving
};

// Serves until stop_server() is called (from another thread or a signal
// thread). Returns false if it could not bind.
bool serve(Intake& intake, SignedInPages& signed_in, const ServeOptions& options);
void stop_server();

}  // namespace collector
