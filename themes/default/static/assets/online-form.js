// Online forms: checks fields as the collector will, with the collector's own
// message templates (given in the form's data-schema), sums the budget as it
// is typed, adds table rows, keeps a draft in the browser, uploads the
// chosen files resumably and sends the form, with a progress bar. Without
// this script the form still posts and the collector answers.
(function () {
  'use strict';

  // The pure part, shared with tests/e2e/validation_parity.test.js.

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function trim(s) {
    return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  }

  // Characters, not UTF-16 units: the collector counts code points.
  function charCount(s) {
    return Array.from(s).length;
  }

  // Money in 万元 as hundredths, or null: up to 12 digits, at most 2 decimals.
  function parseMoney(raw) {
    var m = /^([0-9]{1,12})(?:\.([0-9]{1,2}))?$/.exec(trim(raw));
    if (!m) return null;
    var frac = m[2] || '';
    return Number(m[1]) * 100 + (frac === '' ? 0 : Number(frac) * (frac.length === 1 ? 10 : 1));
  }

  function formatMoney(hundredths) {
    var whole = Math.floor(hundredths / 100);
    var cents = hundredths % 100;
    if (cents === 0) return String(whole);
    if (cents % 10 === 0) return whole + '.' + cents / 10;
    return whole + '.' + (cents < 10 ? '0' : '') + cents;
  }

  function validMobile(s) {
    return /^1[3-9][0-9]{9}$/.test(s);
  }

  function validPhone(s) {
    if (/[^0-9\- ()]/.test(s)) return false;
    var digits = s.replace(/[^0-9]/g, '').length;
    return digits >= 7 && digits <= 12;
  }

  function isIsoDate(s) {
    var m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
    if (!m) return false;
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    var days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (mo < 1 || mo > 12 || d < 1) return false;
    var leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return d <= (mo === 2 && leap ? 29 : days[mo - 1]);
  }

  // Every key the form may carry, in document order, as the collector lists them.
  function formKeys(schema) {
    var keys = [];
    schema.items.forEach(function (item) {
      if (!item.table) {
        keys.push({ key: item.key, label: item.label, type: item.type, required: item.required, max_chars: item.max_chars, in_table: false });
        return;
      }
      for (var row = 0; row < schema.max_rows; row++) {
        item.columns.forEach(function (c) {
          keys.push({
            key: item.table + row + '.' + c.name, label: c.label + item.label_suffix + '第' + (row + 1) + '行',
            type: c.type, required: false, max_chars: c.max_chars, in_table: true
          });
        });
      }
    });
    return keys;
  }

  function present(values, key) {
    return Object.prototype.hasOwnProperty.call(values, key) && trim(values[key]) !== '';
  }

  // values: key -> text (a file field holds the chosen file's name).
  function validate(schema, values) {
    var msg = schema.messages;
    var errors = [];
    formKeys(schema).forEach(function (k) {
      if (!present(values, k.key)) {
        if (k.required && !k.in_table) errors.push({ code: 'required', field: k.key, message: fill(msg.required, { label: k.label }) });
        return;
      }
      var v = trim(values[k.key]);
      if (k.max_chars > 0 && charCount(v) > k.max_chars) {
        errors.push({ code: 'too_long', field: k.key, message: fill(msg.too_long, { label: k.label, max: k.max_chars, count: charCount(v) }) });
        return;
      }
      var code = '';
      if (k.type === 'mobile' && !validMobile(v)) code = 'bad_mobile';
      else if (k.type === 'phone' && !validPhone(v)) code = 'bad_phone';
      else if (k.type === 'money' && parseMoney(v) === null) code = 'bad_money';
      else if (k.type === 'date' && !isIsoDate(v)) code = 'bad_date';
      else if (k.type === 'year' && !/^[0-9]{4}$/.test(v)) code = 'bad_year';
      if (code) errors.push({ code: code, field: k.key, message: fill(msg[code], { label: k.label }) });
    });
    if (errors.length) return errors;
    schema.rules.forEach(function (r) {
      var s = ruleSums(schema, r, values);
      if (s.any && s.total !== s.sum) {
        errors.push({
          code: r.code, field: r.total_key,
          message: fill(msg[r.code], { label: r.label, parts: r.parts, total: formatMoney(s.total), sum: formatMoney(s.sum) })
        });
      }
    });
    return errors;
  }

  function ruleSums(schema, rule, values) {
    var out = { total: 0, sum: 0, any: false };
    function add(key, into) {
      if (!present(values, key)) return;
      out.any = true;
      out[into] += parseMoney(values[key]) || 0;
    }
    add(rule.total_key, 'total');
    rule.part_keys.forEach(function (k) { add(k, 'sum'); });
    if (rule.table_prefix) {
      for (var row = 0; row < schema.max_rows; row++) add(rule.table_prefix + row + '.' + rule.column, 'sum');
    }
    return out;
  }

  // The collector's day is Asia/Shanghai (UTC+8, no daylight saving).
  function deadlinePassed(deadlineIso, nowMs) {
    var shanghai = new Date(nowMs + 8 * 3600 * 1000).toISOString().slice(0, 10);
    return shanghai > deadlineIso;
  }

  var api = { fill: fill, parseMoney: parseMoney, formatMoney: formatMoney, validate: validate, ruleSums: ruleSums, deadlinePassed: deadlinePassed };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }

  // The page.

  function fieldValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === 'access_code' || el.name === 'privacy_notice') return;
      if (el.type === 'file') values[el.name] = el.files && el.files.length ? el.files[0].name : '';
      else values[el.name] = el.value;
    });
    return values;
  }

  function errorSlot(form, key) {
    var input = form.elements[key];
    return input && input.id ? document.getElementById('e-' + input.id) : null;
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (el) { el.textContent = ''; });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) { el.removeAttribute('aria-invalid'); });
    var box = form.querySelector('.form-errors');
    box.hidden = true;
    box.textContent = '';
  }

  // Each message beside its field and all of them in a list at the end, each
  // a link to its field; focus goes to the list so that it is read out.
  function showErrors(form, errors) {
    clearErrors(form);
    var box = form.querySelector('.form-errors');
    var heading = document.createElement('p');
    heading.textContent = '提交前请修改以下' + errors.length + '处：';
    var list = document.createElement('ul');
    errors.forEach(function (e) {
      var slot = errorSlot(form, e.field);
      var item = document.createElement('li');
      if (slot) {
        slot.textContent = e.message;
        var input = form.elements[e.field];
        input.setAttribute('aria-invalid', 'true');
        var link = document.createElement('a');
        link.href = '#' + input.id;
        link.textContent = e.message;
        item.appendChild(link);
      } else {
        item.textContent = e.message;
      }
      list.appendChild(item);
    });
    box.appendChild(heading);
    box.appendChild(list);
    box.hidden = false;
    box.focus();
  }

  // What the collector asks besides the form's fields, in its order.
  function localChecks(form, schema) {
    var msg = schema.messages;
    var errors = [];
    [['access_code', 'missing_access_code'], ['privacy_notice', 'privacy_notice_required']].forEach(function (pair) {
      var el = form.elements[pair[0]];
      var empty = el.type === 'checkbox' ? !el.checked : trim(el.value) === '';
      if (empty) errors.push({ code: pair[1], field: pair[0], message: fill(msg[pair[1]], { label: schema.privacy_title }) });
    });
    return errors.concat(validate(schema, fieldValues(form)));
  }

  // Live sums: under each total, what its parts add up to so far.
  function setUpSums(form, schema) {
    var outputs = schema.rules.map(function (rule) {
      var input = form.elements[rule.total_key];
      if (!input) return null;
      var out = document.createElement('output');
      out.className = 'live-sum';
      out.setAttribute('for', input.id);
      input.parentNode.appendChild(out);
      return out;
    });
    function update() {
      var values = fieldValues(form);
      schema.rules.forEach(function (rule, i) {
        if (!outputs[i]) return;
        var s = ruleSums(schema, rule, values);
        outputs[i].textContent = rule.parts + '：' + formatMoney(s.sum) + '万元' + (s.any && s.total !== s.sum ? '（与填写的' + formatMoney(s.total) + '不一致）' : '');
      });
    }
    form.addEventListener('input', update);
    update();
  }

  function setUpRows(form, schema) {
    Array.prototype.forEach.call(form.querySelectorAll('table.input-table'), function (table) {
      var prefix = table.getAttribute('data-prefix');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'add-row';
      button.textContent = '添加一行（' + table.querySelector('caption').textContent + '）';
      button.addEventListener('click', function () {
        var body = table.tBodies[0];
        var count = body.rows.length;
        if (count >= schema.max_rows) return;
        var row = body.rows[count - 1].cloneNode(true);
        row.cells[0].textContent = String(count + 1);
        Array.prototype.forEach.call(row.querySelectorAll('input'), function (input) {
          var column = input.name.slice(prefix.length).split('.')[1];
          input.name = prefix + count + '.' + column;
          input.id = 'f-' + input.name.replace(/\./g, '-');
          input.value = '';
          input.removeAttribute('aria-invalid');
          input.setAttribute('aria-describedby', 'e-' + input.id);
          input.setAttribute('aria-label', input.getAttribute('aria-label').replace(/（第[0-9]+行）$/, '（第' + (count + 1) + '行）'));
        });
        Array.prototype.forEach.call(row.querySelectorAll('.field-error'), function (slot) {
          slot.id = 'e-' + slot.previousElementSibling.id;
          slot.textContent = '';
        });
        body.appendChild(row);
        row.querySelector('input').focus();
        if (count + 1 >= schema.max_rows) button.disabled = true;
      });
      table.parentNode.parentNode.insertBefore(button, table.parentNode.nextSibling);
    });
  }

  // Drafts: the form as typed, kept in this browser (IndexedDB, the chosen
  // files included), so that a closed tab or a crash loses nothing. Never
  // the access code, which is a key, nor the consent, which is given anew.
  // The privacy notice tells people the draft stays on this device. When
  // the form is opened again the draft is offered; a receipt deletes it.

  var DRAFT_DB = 'yueyang-form-drafts';
  var DRAFT_STORE = 'drafts';
  var NOT_DRAFTED = { access_code: true, privacy_notice: true };

  // One transaction on the drafts; resolves to what `act` asked for.
  function withDrafts(mode, act) {
    return new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error('IndexedDB is not available')); return; }
      var open = window.indexedDB.open(DRAFT_DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(DRAFT_STORE); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var db = open.result;
        var tx = db.transaction(DRAFT_STORE, mode);
        var request = act(tx.objectStore(DRAFT_STORE));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onabort = tx.onerror = function () { db.close(); reject(tx.error); };
      };
    });
  }

  function draftKey() {
    return window.location.pathname;
  }

  function draftOf(form) {
    var draft = { saved: new Date().toISOString(), fields: {}, files: {}, rows: {} };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_DRAFTED[el.name] || el.type === 'submit' || el.type === 'button') return;
      if (el.type === 'file') {
        if (el.files && el.files.length) draft.files[el.name] = el.files[0];
      } else if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) draft.fields[el.name] = el.value;
      } else {
        draft.fields[el.name] = el.value;
      }
    });
    Array.prototype.forEach.call(form.querySelectorAll('table.input-table'), function (table) {
      draft.rows[table.getAttribute('data-prefix')] = table.tBodies[0].rows.length;
    });
    return draft;
  }

  function restoreDraft(form, draft) {
    // Rows first, through the form's own button, so that they are numbered and labelled as if added by hand.
    Array.prototype.forEach.call(form.querySelectorAll('table.input-table'), function (table) {
      var button = table.parentNode.nextSibling;
      var wanted = draft.rows[table.getAttribute('data-prefix')] || 0;
      while (button && button.className === 'add-row' && !button.disabled && table.tBodies[0].rows.length < wanted) button.click();
    });
    Object.keys(draft.fields).forEach(function (name) {
      var el = form.elements[name];
      if (!el) return;
      if (el.type === 'checkbox') el.checked = true;
      else if (el.type === 'radio') el.checked = el.value === draft.fields[name];
      else el.value = draft.fields[name];
    });
    Object.keys(draft.files).forEach(function (name) {
      var el = form.elements[name];
      if (!el || el.type !== 'file' || typeof DataTransfer === 'undefined') return;
      var chosen = new DataTransfer();
      chosen.items.add(draft.files[name]);
      el.files = chosen.files;
    });
    form.dispatchEvent(new Event('input', { bubbles: true }));
  }

  function clearDraft() {
    return withDrafts('readwrite', function (store) { return store.delete(draftKey()); });
  }

  function localTime(iso) {
    var d = new Date(iso);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  }

  // The offer of a saved draft, before the form. Typing into the form
  // without taking it up counts as starting afresh.
  function offerDraft(form, draft, decided) {
    var box = document.createElement('div');
    box.className = 'draft-offer';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', '本机保存的草稿');
    var text = document.createElement('p');
    text.textContent = '本机浏览器中保存有这份表格的草稿（' + localTime(draft.saved) + '保存）。恢复后请核对内容并重新填写访问码；直接填写则放弃这份草稿。';
    box.appendChild(text);
    function button(label, act) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', function () { act(); done(); });
      box.appendChild(b);
      box.appendChild(document.createTextNode(' '));
    }
    function done() {
      form.removeEventListener('input', typedInstead);
      box.remove();
      decided();
    }
    function typedInstead(e) {
      if (e.isTrusted) done();
    }
    button('恢复草稿', function () { restoreDraft(form, draft); });
    button('放弃草稿', function () { clearDraft().catch(function () {}); });
    form.parentNode.insertBefore(box, form);
    form.addEventListener('input', typedInstead);
  }

  // Saves the draft a moment after each change, once the person has chosen
  // what to do with an earlier one. finish(), once the collector has the
  // form, stops saving and deletes the draft: a save still waiting would
  // otherwise bring it back.
  function setUpDrafts(form) {
    var timer = null;
    var saving = false;
    function save() {
      timer = null;
      if (!saving) return;
      var draft = draftOf(form);
      withDrafts('readwrite', function (store) { return store.put(draft, draftKey()); }).catch(function () {});
    }
    function changed() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, 400);
    }
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    var finished = false;
    withDrafts('readonly', function (store) { return store.get(draftKey()); }).then(function (draft) {
      if (finished) return;
      if (draft) offerDraft(form, draft, function () { saving = !finished; });
      else saving = true;
    }).catch(function () {});
    return {
      finish: function () {
        finished = true;
        saving = false;
        if (timer) clearTimeout(timer);
        return clearDraft();
      }
    };
  }

  // Resumable uploads (tus 1.0, the collector's api/uploads): each chosen
  // file goes up in chunks before the form is sent, and after a dropped
  // connection or a reload carries on from what the collector already has;
  // the form then names the finished uploads ("upload:FIELD") instead of
  // carrying the files. Upload addresses are remembered in localStorage, by
  // the file's name, size and date, until the form is received.

  var CHUNK_BYTES = 4 * 1024 * 1024;
  var RETRIES = 10;
  var RESUME_KEY = 'yueyang-resumable-uploads';
  var UNUSABLE_UPLOAD = { no_such_upload: true, upload_expired: true, not_your_upload: true, upload_elsewhere: true, upload_unfinished: true };

  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(RESUME_KEY) || '{}'); } catch (ignored) { return {}; }
  }

  function remember(key, url) {
    var all = remembered();
    if (url) all[key] = url; else delete all[key];
    try { window.localStorage.setItem(RESUME_KEY, JSON.stringify(all)); } catch (ignored) { /* private mode: no resuming after a reload */ }
  }

  function base64(text) {
    return window.btoa(unescape(encodeURIComponent(text)));
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + 'MB';
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  // One request; resolves to the XHR once answered, rejects when the connection broke.
  function tusRequest(method, url, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      xhr.setRequestHeader('Accept', 'application/json');
      Object.keys(headers).forEach(function (name) { xhr.setRequestHeader(name, headers[name]); });
      if (onProgress) xhr.upload.addEventListener('progress', function (e) { onProgress(e.loaded); });
      xhr.addEventListener('load', function () { resolve(xhr); });
      xhr.addEventListener('error', function () { reject(new Error('network')); });
      xhr.addEventListener('abort', function () { reject(new Error('network')); });
      xhr.send(body === undefined ? null : body);
    });
  }

  function refusalOf(xhr, field) {
    var body = null;
    try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = null; }
    var error = body && body.error ? body.error : { code: '', message: '上传未成功（' + xhr.status + '），请稍后再试。' };
    return { code: error.code, field: error.field || field, message: error.message };
  }

  function sha1Header(blob) {
    if (!window.crypto || !window.crypto.subtle || !blob.arrayBuffer) return Promise.resolve(null);
    return blob.arrayBuffer().then(function (bytes) { return window.crypto.subtle.digest('SHA-1', bytes); }).then(function (digest) {
      return 'sha1 ' + window.btoa(String.fromCharCode.apply(null, new Uint8Array(digest)));
    }, function () { return null; });
  }

  // Resolves to the upload's id once the collector has the whole file;
  // rejects with a refusal ({code, field, message}) it cannot get past.
  function uploadFile(form, field, file, report) {
    var endpoint = form.getAttribute('data-uploads');
    var key = [form.action, field, file.name, file.size, file.lastModified].join('|');
    var url = remembered()[key];
    var offset = 0;
    var failures = 0;

    // A file chosen before for this field is not wanted any more: its upload
    // is ended (tus termination), so that it takes none of the unit's places.
    function dropOthers() {
      var all = remembered();
      var prefix = [form.action, field, ''].join('|');
      Object.keys(all).forEach(function (other) {
        if (other.indexOf(prefix) !== 0 || other === key) return;
        remember(other, null);
        tusRequest('DELETE', all[other], {}).catch(function () {});
      });
    }

    function create() {
      dropOthers();
      var meta = { form: form.action.split('/').pop(), field: field, filename: file.name, access_code: trim(form.elements.access_code.value) };
      return tusRequest('POST', endpoint, {
        'Upload-Length': String(file.size),
        'Upload-Metadata': Object.keys(meta).map(function (k) { return k + ' ' + base64(meta[k]); }).join(',')
      }).then(function (xhr) {
        if (xhr.status !== 201) throw refusalOf(xhr, field);
        url = xhr.getResponseHeader('Location');
        remember(key, url);
        offset = 0;
      });
    }

    // Where the collector stands: its offset, or a new upload when it has forgotten this one.
    function resume() {
      return tusRequest('HEAD', url, {}).then(function (xhr) {
        if (xhr.status === 200 && xhr.getResponseHeader('Upload-Length') === String(file.size)) {
          offset = Number(xhr.getResponseHeader('Upload-Offset'));
          return null;
        }
        if (xhr.status === 423 || xhr.status === 429 || xhr.status >= 500) throw new Error('network');
        remember(key, null);
        return create();
      });
    }

    // After a broken connection or a busy answer: wait longer each time, then ask where to go on from.
    function retry(why) {
      failures += 1;
      if (failures > RETRIES) throw { code: 'network', field: field, message: '网络连接多次中断，' + file.name + '未能上传完毕。已上传的部分保留在服务器上，请稍后再点“提交”续传。' };
      report(offset, '网络连接中断（' + why + '），' + failures + '秒后从' + megabytes(offset) + '处续传……');
      return wait(1000 * Math.min(failures, 5)).then(resume).then(next, function (e) {
        if (e instanceof Error) return retry(why);
        throw e;
      });
    }

    function next() {
      report(offset);
      if (offset >= file.size) return url.split('/').pop();
      var chunk = file.slice(offset, Math.min(offset + CHUNK_BYTES, file.size));
      return sha1Header(chunk).then(function (checksum) {
        var headers = { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) };
        if (checksum) headers['Upload-Checksum'] = checksum;
        var from = offset;
        return tusRequest('PATCH', url, headers, chunk, function (loaded) { report(from + loaded); });
      }).then(function (xhr) {
        if (xhr.status === 204) {
          offset = Number(xhr.getResponseHeader('Upload-Offset'));
          failures = 0;
          return next();
        }
        if (xhr.status === 409 || xhr.status === 423 || xhr.status === 429 || xhr.status === 460 || xhr.status >= 500) return retry(String(xhr.status));
        if (xhr.status === 404 || xhr.status === 410) {
          remember(key, null);
          return create().then(next);
        }
        throw refusalOf(xhr, field);
      }, function (e) {
        if (e instanceof Error) return retry('连接断开');
        throw e;
      });
    }

    if (!url) return create().then(next);
    return resume().then(next, function (e) {
      if (e instanceof Error) return retry('连接断开');
      throw e;
    });
  }

  // Uploads every chosen file in turn, showing how far it is and what
  // remains; resolves to {field: upload id, ...} and the keys to forget
  // once the form is received.
  function uploadAll(form, progress, status) {
    var inputs = Array.prototype.filter.call(form.elements, function (el) {
      return el.type === 'file' && el.name && el.files && el.files.length;
    });
    if (!inputs.length || !form.getAttribute('data-uploads') || !window.Blob || !Blob.prototype.slice) return Promise.resolve(null);
    var total = inputs.reduce(function (sum, el) { return sum + el.files[0].size; }, 0);
    var before = 0;
    var ids = {};
    var spokenStep = -1;
    return inputs.reduce(function (chain, el) {
      return chain.then(function () {
        var file = el.files[0];
        return uploadFile(form, el.name, file, function (done, note) {
          var sent = before + Math.min(done, file.size);
          var percent = total ? Math.floor(sent / total * 100) : 100;
          progress.hidden = false;
          progress.value = percent;
          progress.textContent = percent + '%';
          // The status is a live region: it speaks at each note and every 5 %, not at every progress event.
          var step = Math.floor(percent / 5);
          if (!note && step === spokenStep) return;
          spokenStep = step;
          status.textContent = note || ('正在上传' + file.name + '：已上传' + megabytes(sent) + '，共' + megabytes(total) + '，还剩' + megabytes(total - sent));
        }).then(function (id) {
          ids[el.name] = id;
          before += file.size;
        });
      });
    }, Promise.resolve()).then(function () {
      return ids;
    });
  }

  function forgetUploads(form) {
    var prefix = form.action + '|';
    var all = remembered();
    Object.keys(all).forEach(function (key) { if (key.indexOf(prefix) === 0) remember(key, null); });
  }

  function versionName(n) {
    return 'v' + ('000' + n).slice(-4);
  }

  // Uploads the files, then sends the form naming them with XMLHttpRequest;
  // the collector's JSON answer either leads to the receipt page or lists
  // what to correct.
  function send(form, drafts) {
    var progress = form.querySelector('.upload-progress');
    var status = form.querySelector('.upload-status');
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    status.textContent = '正在提交……';
    uploadAll(form, progress, status).then(function (uploads) {
      var body = new FormData(form);
      Object.keys(uploads || {}).forEach(function (field) {
        body.delete(field);
        body.append('upload:' + field, uploads[field]);
      });
      sendForm(form, drafts, body, progress, status, button);
    }, function (refusal) {
      button.disabled = false;
      status.textContent = '';
      showErrors(form, [refusal && refusal.message ? refusal : { field: '', message: '上传未成功，请稍后再试。' }]);
    });
  }

  function sendForm(form, drafts, body, progress, status, button) {
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.round(e.loaded / e.total * 100);
      progress.hidden = false;
      progress.value = percent;
      progress.textContent = percent + '%';
      status.textContent = percent < 100 ? '正在上传：' + percent + '%' : '上传完成，正在保存……';
    });
    xhr.addEventListener('load', function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { body = null; }
      if (xhr.status === 201 && body) {
        status.textContent = '已收到，正在打开回执……';
        var receipt = form.action + '/' + encodeURIComponent(body.unit) + '/' + versionName(body.version) + '/receipt?id=' + encodeURIComponent(body.receipt);
        var open = function () { window.location.assign(receipt); };
        forgetUploads(form);
        drafts.finish().then(open, open);
        return;
      }
      button.disabled = false;
      progress.hidden = true;
      status.textContent = '';
      var errors = body && body.error ? (body.errors || [body.error]) : [{ field: '', message: '提交未成功（' + xhr.status + '），请稍后再试。' }];
      // An upload the collector will not take for this form (another unit's, gone): the next try uploads afresh.
      if (errors.some(function (e) { return UNUSABLE_UPLOAD[e.code]; })) forgetUploads(form);
      showErrors(form, errors);
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      progress.hidden = true;
      status.textContent = '';
      showErrors(form, [{ field: '', message: '网络连接中断，提交未成功，请稍后再试。' }]);
    });
    xhr.send(body);
  }

  function init() {
    var form = document.querySelector('form.online-form');
    if (!form) return;
    if (deadlinePassed(form.getAttribute('data-deadline'), Date.now())) {
      document.getElementById('closed-notice').hidden = false;
      form.remove();
      return;
    }
    var schema = JSON.parse(form.getAttribute('data-schema'));
    form.noValidate = true;
    setUpSums(form, schema);
    setUpRows(form, schema);
    var drafts = setUpDrafts(form);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var errors = localChecks(form, schema);
      if (errors.length) {
        showErrors(form, errors);
        return;
      }
      clearErrors(form);
      send(form, drafts);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
