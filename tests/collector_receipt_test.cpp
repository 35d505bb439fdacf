// Signed receipts (collector/signed_receipt.hpp): what verifies, by our
// check and by Debian's openssl command line as the README tells a school
// to run it, and what does not: a tampered statement, another version's
// signature, another key, the wrong SM2 ID; and receipts signed before a
// rotation.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "collector/signed_receipt.hpp"
#include "common/urls.hpp"
#include "support/collector_fixture.hpp"
#include "support/stored_submissions.hpp"
#include "support/tiny_site.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

struct Receipts {
    testing::TempDir dir;
    fs::path data = dir.path() / "data", keys = dir.path() / "keys", published = dir.path() / "published";
    common::DataLayout layout{data};

    // Version `n` of a school's application, with a plan.
    common::StoredVersion stored(int n) {
        auto record = testing::submission("apply", "a1", "2020-04-0" + std::to_string(n) + "T09:00:00+08:00", {{"project", "项目" + std::to_string(n)}});
        record.receipt = "r" + std::to_string(n);
        REQUIRE(testing::write_submission(data, record, {{"plan", "方案.pdf", testing::tiny_pdf()}}) == n);
        return common::load_stored_version(layout, {"apply", "a1", n}, nullptr);
    }
    // A new current key, published as the site would.
    std::string rotate() {
        const std::string id = collector::ReceiptKeys::generate(keys);
        fs::create_directories(published);
        fs::copy_file(keys / (id + ".pem"), published / (id + ".pem"));
        return id;
    }
    std::string file(const common::StoredVersion& v) const {
        const collector::ReceiptKeys current(keys);
        return collector::signed_receipt_file(collector::receipt_statement(v, layout, current.current()), current);
    }
};

std::string write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
}

// The README's command line: statement and signature cut out with sed, checked by openssl.
int openssl_verifies(const fs::path& receipt, const fs::path& public_pem, const std::string& distid = collector::kSm2Id) {
    const std::string dir = receipt.parent_path().string(), r = receipt.string();
    const std::string cmd = "cd '" + dir + "' && sed -n '/^-----BEGIN YUEYANG RECEIPT-----$/{n;p;q}' '" + r + "' > statement && " +
                            "sed -n '/^-----BEGIN SM2 SIGNATURE-----$/,/^-----END SM2 SIGNATURE-----$/p' '" + r +
                            "' | sed '1d;$d' | openssl base64 -d > signature && " +
                            "openssl pkeyutl -verify -pubin -inkey '" + public_pem.string() +
                            "' -rawin -digest sm3 -in statement -sigfile signature" + (distid.empty() ? "" : " -pkeyopt distid:" + distid) +
                            " > /dev/null 2>&1";
    return std::system(cmd.c_str());
}

}  // namespace

TEST_CASE("a signed receipt states the version, its files' SM3 and SHA-256 and its fields' digest, and verifies by our check and by openssl") {
    Receipts r;
    const std::string key = r.rotate();
    const auto v1 = r.stored(1);
    const std::string text = r.file(v1);
    const collector::ReceiptCheck ok = collector::check_signed_receipt(text, r.published);
    INFO(ok.problem);
    REQUIRE(ok.valid);
    CHECK(ok.key == key);
    CHECK_THAT(ok.statement, Contains("\"form\":\"apply\"") && Contains("\"unit\":\"a1\"") && Contains("\"version\":1") &&
                                 Contains("\"received_at\":\"2020-04-01T09:00:00+08:00\"") && Contains("\"receipt\":\"r1\"") &&
                                 Contains("\"name\":\"方案.pdf\"") && Contains("\"sm3\":\"" + *collector::sm3_file_hex(r.layout.upload(v1.key(), v1.files[0].name)) + "\"") &&
                                 Contains("\"sha256\":\"" + v1.files[0].sha256 + "\"") && Contains("\"key\":\"" + key + "\""));
    // The fields themselves are not in it (they hold personal data), only their digest.
    CHECK_THAT(ok.statement, !Contains("项目1") && Contains("\"fields_sm3\":\""));
    // SM3 of "abc", GB/T 32905-2016's example.
    CHECK(collector::sm3_hex("abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const fs::path saved = write(r.dir.path() / "receipt.sm2", text);
    CHECK(openssl_verifies(saved, r.published / (key + ".pem")) == 0);
    // The same statement under the empty ID (OpenSSL 3.0's default) does not verify.
    CHECK(openssl_verifies(saved, r.published / (key + ".pem"), "") != 0);
}

TEST_CASE("a tampered receipt, another version's signature, another key and the wrong SM2 ID all fail, and old receipts outlive a rotation") {
    Receipts r;
    const std::string first = r.rotate();
    const auto v1 = r.stored(1), v2 = r.stored(2);
    const std::string one = r.file(v1), two = r.file(v2);

    std::string tampered = one;
    tampered.replace(tampered.find("\"version\":1"), 11, "\"version\":3");
    CHECK_THAT(collector::check_signed_receipt(tampered, r.published).problem, Contains("签名与回执内容不符"));
    CHECK(openssl_verifies(write(r.dir.path() / "tampered.sm2", tampered), r.published / (first + ".pem")) != 0);

    // Version 2's statement with version 1's signature.
    const std::string sig_begin = "-----BEGIN SM2 SIGNATURE-----";
    const std::string swapped = two.substr(0, two.find(sig_begin)) + one.substr(one.find(sig_begin));
    CHECK_FALSE(collector::check_signed_receipt(swapped, r.published).valid);
    CHECK(openssl_verifies(write(r.dir.path() / "swapped.sm2", swapped), r.published / (first + ".pem")) != 0);

    // Signed by a key the site does not publish, naming it or naming the bureau's.
    const fs::path other_keys = r.dir.path() / "other";
    const std::string other = collector::ReceiptKeys::generate(other_keys);
    const collector::ReceiptKeys stranger(other_keys);
    const std::string own_name = collector::signed_receipt_file(collector::receipt_statement(v1, r.layout, other), stranger);
    CHECK_THAT(collector::check_signed_receipt(own_name, r.published).problem, Contains("不在已公布的公钥之中"));
    const std::string borrowed_name = collector::signed_receipt_file(collector::receipt_statement(v1, r.layout, first), stranger);
    CHECK_THAT(collector::check_signed_receipt(borrowed_name, r.published).problem, Contains("签名与回执内容不符"));
    CHECK(openssl_verifies(write(r.dir.path() / "borrowed.sm2", borrowed_name), r.published / (first + ".pem")) != 0);

    // Signed under the empty ID by openssl: our check refuses it.
    const std::string statement = collector::receipt_statement(v1, r.layout, first);
    write(r.dir.path() / "statement.txt", statement);
    const std::string sign = "cd '" + r.dir.path().string() + "' && openssl pkeyutl -sign -inkey '" + (r.keys / (first + ".key")).string() +
                             "' -rawin -digest sm3 -in statement.txt -out empty-id.sig 2>/dev/null";
    REQUIRE(std::system(sign.c_str()) == 0);
    std::ifstream sig_in(r.dir.path() / "empty-id.sig", std::ios::binary);
    const std::string empty_id_signature(std::istreambuf_iterator<char>(sig_in), {});
    const std::string wrong_id = "-----BEGIN YUEYANG RECEIPT-----\n" + statement + "-----END YUEYANG RECEIPT-----\n" + sig_begin + "\n" +
                                 collector::base64(empty_id_signature) + "\n-----END SM2 SIGNATURE-----\n";
    CHECK_FALSE(collector::check_signed_receipt(wrong_id, r.published).valid);

    // A new key signs from now on; what the old one signed still verifies.
    const std::string second = r.rotate();
    CHECK(second != first);
    CHECK(collector::ReceiptKeys(r.keys).current() == second);
    CHECK(collector::check_signed_receipt(one, r.published).valid);
    const collector::ReceiptCheck fresh = collector::check_signed_receipt(r.file(v1), r.published);
    CHECK(fresh.valid);
    CHECK(fresh.key == second);
    CHECK(fs::status(r.keys / (second + ".key")).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
    CHECK(fs::status(r.keys).permissions() == fs::perms::owner_all);
}
