#pragma once
// A notice's official structure (GB/T 9704) found in its Word body: 发文机关,
// 发文字号, title, 主送, the body, 附件说明, 署名, 成文日期, then each 附件N.

#include <string>
#include <vector>

#include "office/word_body.hpp"

namespace gen::import {

struct AttachmentPart {
    int number = 0;                        // N of its "附件N" line
    std::vector<office::WordBlock> blocks;  // what follows that line, up to the next
};

struct OfficialNotice {
    std::string issuer, doc_no, title, addressees;
    std::vector<office::WordBlock> body;  // between 主送 and 附件说明 (or 署名)
    std::string attachments_label;            // "附件：" as printed; empty without 附件说明
    std::vector<std::string> attachment_titles;
    std::string attachments_note;             // a line after the list, as "(附件下载网址：…)"
    std::string signature;
    std::string date;                          // YYYY-MM-DD
    std::vector<AttachmentPart> attachments;
};

// What could not be found or placed is added to `problems`, one line each
// ("no 成文日期 (a line like 2019年6月20日) after the body").
OfficialNotice find_official_structure(const std::vector<office::WordBlock>& blocks, std::vector<std::string>& problems);

// "2019年6月20日" (or "二〇一九年六月二十日") as 2019-06-20; empty when the line is no date.
std::string date_of_line(const std::string& line);

}  // namespace gen::import
