#pragma once
// One signed-in page, as a row of the table collector/signed_in_pages.hpp
// dispatches, and what its handler is given. A handler only ever sees a
// request that has passed the dispatcher's checks: a live session, a role
// the row allows, and for a POST a well-formed form with the session's CSRF
// token.

#include <functional>
#include <string>
#include <vector>

#include "collector/exchange.hpp"
#include "collector/sessions.hpp"

namespace collector {

struct PageRequest {
    const Request& http;
    // Who: session.actor.role, .id (the unit's id or the staff login) and
    // .name; session.csrf is already in every page signed_in() renders.
    const Session& session;
    std::vector<std::string> captures;  // the route's {name} and {version} parts, in order
    FormFields form;                    // POST: the fields sent ("csrf" among them, already checked)
    // GET: the fields typed into this page's form before its sender had to
    // sign in again, to show them in the form (never to act on); else empty.
    FormFields refill;
};

using PageHandler = std::function<Reply(const PageRequest&)>;

struct PageRow {
    std::string method;       // "GET" or "POST"
    std::string route;        // common::account_route(...)
    std::vector<Role> roles;  // who may open it; anyone else gets the 403 page
    PageHandler handler;
    // A POST in multipart/form-data, up to kUploadBodyBytes: the dispatcher
    // reads its text parts into PageRequest::form and leaves the file parts
    // to the handler, in PageRequest::http.body.
    bool takes_file = false;
};

inline const std::vector<Role> kEveryRole = {Role::school, Role::county, Role::city, Role::expert};

}  // namespace collector
