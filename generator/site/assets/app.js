/* implkit pack catalogue: a single page over the embedded data (no network, works from file://).
 * State lives in the URL hash: #/<lang>/<pack>/<view>?systems=ERP,MES&strategy=phased&sites=1&users=200&q=...
 * Every pack text reaches the page through textContent (never as HTML). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("implkit-data").textContent);
  var UI = {
    en: {
      site_title: "implkit pack catalogue", search: "Search all packs…", lang: "中文", packs: "Packs",
      views: "Views", answers: "Project answers", systems: "Systems in scope", strategy: "Go-live strategy",
      any: "any", sites: "Sites", users: "Users", country: "Country (holidays, rules)", shown: "{n} of {m} items apply",
      overview: "Overview", plan: "Phases and tasks", gates: "Gates", risks: "Risks and stakeholders",
      migration: "Data migration", training: "Training", roles: "Roles and competencies",
      templates: "Templates", lessons: "Lessons", diff: "Changes", search_results: "Search results",
      no_results: "Nothing found.", id: "Id", name: "Name", task: "Task", duration: "Duration (days)",
      owner: "Owner", effort: "Effort (person-days)", after: "After", deliverables: "Deliverables",
      when: "Only when", phase: "Phase", kind: "Kind", entry: "Entry criteria", exit: "Exit criteria",
      signoff: "Sign-off", title: "Title", likelihood: "L", impact: "I", score: "Score", trigger: "Trigger",
      mitigation: "Mitigation", seq: "#", wave: "Wave", source: "Source", depends: "Depends on",
      fields: "Fields", technical: "Technical name", type: "Type", mandatory: "Mandatory",
      validation: "Validation", audiences: "Audiences", courses: "Courses", hours: "Hours per person",
      tier: "Tier", mode: "Delivery", minutes: "Minutes", modules: "Modules", side: "Side",
      rate: "Day rate", pitfall: "What went wrong", advice: "What to do", provenance: "Learned in",
      version: "Version", chain: "Extends", counts: "Contents", description: "Description",
      ceremonies: "Meetings", stakeholders: "Stakeholders", cutover: "Cutover steps", support: "Support",
      interest: "Interest", influence: "Influence", added: "added", removed: "removed", changed: "changed",
      no_diff: "No comparison in this site (build it with --diff OLD_DIR).", section: "Section",
      file: "File", from: "From pack", load_order: "Load order (derived from dependencies)",
      basic: "Basic operations", advanced: "Advanced application", "self-support": "Self-support",
      method: "Method", configuration: "Module configuration", "data-migration": "Data migration",
      integration: "Integration", "training-delivery": "Training delivery", communication: "Communication",
      competencies: "Competency levels (1 aware - 4 expert)", milestone: "milestone",
      yes: "yes", no: "no", share: "Share", headcount: "Head count", ids_only_old: "Only in the old version",
      ids_only_new: "Only in this version", cadence: "Cadence", chair: "Chair", phases: "Phases", tasks: "Tasks", needs: "Level the owner needs",
      "kind-configuration": "Configuration", "kind-master": "Master data", "kind-transactional": "Open transactions",
      "kind-balance": "Balances", "kind-history": "History", "mode-online-recorded": "Online, recorded",
      "mode-offline-hands-on": "Offline, hands-on", "mode-self-service": "Self-service",
      count: "Count", extends_none: "— (extends no pack)",
      "count-tasks": "Tasks", "count-milestones": "Milestones", "count-gates": "Gates", "count-phases": "Phases",
      "count-ceremonies": "Meetings", "count-risks": "Risks", "count-stakeholders": "Stakeholders",
      "count-migration_objects": "Migration objects", "count-migration_fields": "Migration fields",
      "count-cutover_steps": "Cutover steps", "count-courses": "Courses", "count-audiences": "Audiences",
      "count-roles": "Roles", "count-support": "Support resources", "count-lessons": "Lessons"
    },
    zh: {
      site_title: "implkit 知识包目录", search: "搜索全部知识包…", lang: "English", packs: "知识包",
      views: "视图", answers: "项目参数", systems: "实施系统", strategy: "上线策略",
      any: "不限", sites: "站点数", users: "用户数", country: "国家（节假日与法规）", shown: "适用 {n} / {m} 项",
      overview: "概览", plan: "阶段与任务", gates: "质量关口", risks: "风险与干系人",
      migration: "数据迁移", training: "培训", roles: "角色与能力矩阵",
      templates: "模板", lessons: "经验教训", diff: "版本差异", search_results: "搜索结果",
      no_results: "没有找到结果。", id: "编号", name: "名称", task: "任务", duration: "工期（天）",
      owner: "负责人", effort: "工作量（人天）", after: "前置任务", deliverables: "交付物",
      when: "适用条件", phase: "阶段", kind: "类别", entry: "准入条件", exit: "准出条件",
      signoff: "签字确认", title: "标题", likelihood: "可能性", impact: "影响", score: "风险值", trigger: "触发信号",
      mitigation: "应对措施", seq: "序号", wave: "批次", source: "来源", depends: "依赖",
      fields: "字段", technical: "技术名称", type: "类型", mandatory: "必填",
      validation: "校验规则", audiences: "培训对象", courses: "课程", hours: "人均学时",
      tier: "层级", mode: "授课方式", minutes: "分钟", modules: "单元", side: "所属方",
      rate: "人天单价", pitfall: "问题经过", advice: "建议做法", provenance: "来源项目",
      version: "版本", chain: "继承自", counts: "内容统计", description: "说明",
      ceremonies: "例会", stakeholders: "干系人", cutover: "切换步骤", support: "支持资源",
      interest: "关注度", influence: "影响力", added: "新增", removed: "删除", changed: "修改",
      no_diff: "本站点未包含版本比较（生成时加 --diff OLD_DIR）。", section: "部分",
      file: "文件", from: "所属知识包", load_order: "加载顺序（由依赖关系推导）",
      basic: "基础操作", advanced: "进阶应用", "self-support": "自助支持",
      method: "实施方法", configuration: "模块配置", "data-migration": "数据迁移",
      integration: "系统集成", "training-delivery": "培训授课", communication: "沟通协调",
      competencies: "能力等级（1 了解 - 4 专家）", milestone: "里程碑",
      yes: "是", no: "否", share: "占比", headcount: "人数", ids_only_old: "仅旧版本有",
      ids_only_new: "仅本版本有", cadence: "频率", chair: "主持人", phases: "阶段", tasks: "任务", needs: "负责人所需能力",
      "kind-configuration": "配置数据", "kind-master": "主数据", "kind-transactional": "未清业务数据",
      "kind-balance": "期初余额", "kind-history": "历史数据", "mode-online-recorded": "线上录播",
      "mode-offline-hands-on": "线下实操", "mode-self-service": "自助学习",
      count: "数量", extends_none: "—（不继承其他知识包）",
      "count-tasks": "任务", "count-milestones": "里程碑", "count-gates": "质量关口", "count-phases": "阶段",
      "count-ceremonies": "例会", "count-risks": "风险", "count-stakeholders": "干系人",
      "count-migration_objects": "迁移对象", "count-migration_fields": "迁移字段",
      "count-cutover_steps": "切换步骤", "count-courses": "课程", "count-audiences": "培训对象",
      "count-roles": "角色", "count-support": "支持资源", "count-lessons": "经验教训"
    }
  };
  var VIEWS = ["overview", "plan", "gates", "risks", "migration", "training", "roles", "templates", "lessons", "diff"];
  var SECTION_VIEW = {
    roles: "roles", phases: "plan", tasks: "plan", ceremonies: "plan", gates: "gates", risks: "risks",
    stakeholders: "risks", migration: "migration", cutover: "migration", audiences: "training",
    courses: "training", support: "training", lessons: "lessons", overview: "overview"
  };
  var SKILLS = ["method", "configuration", "data-migration", "integration", "training-delivery", "communication"];
  var state = { lang: "en", pack: DATA.order[0], view: "overview", q: "", systems: null, strategy: "", sites: 1, users: 200, country: "CN" };
  var counted = { shown: 0, total: 0 };

  function u(key) { return (UI[state.lang] || UI.en)[key] || key; }
  function t(text) {
    if (text === null || text === undefined) return "";
    if (typeof text !== "object") return String(text);
    var other = state.lang === "zh" ? "en" : "zh";
    return text[state.lang] || text[other] || "";
  }
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) for (var key in attrs) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "cls") node.className = attrs[key];
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), attrs[key]);
      else node.setAttribute(key, attrs[key]);
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) child.forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
      else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }
  function pack() { return DATA.packs[state.pack]; }
  function roleName(id) {
    var roles = pack().roles;
    for (var i = 0; i < roles.length; i++) if (roles[i].id === id) return t(roles[i].name);
    return id;
  }
  function phaseName(id) {
    var phases = pack().phases;
    for (var i = 0; i < phases.length; i++) if (phases[i].id === id) return t(phases[i].name);
    return id || "";
  }
  function filtering() { return state.systems !== null || state.strategy !== "" || state.sites !== 1 || state.users !== 200 || state.country !== "CN"; }
  /* Same rules as generator/conditions.py holds(): every given key must hold, lists are any-of. */
  function holds(when) {
    if (!when || !filtering()) return true;
    if (when.systems && state.systems !== null) {
      var have = state.systems.map(function (s) { return s.toUpperCase(); });
      if (!when.systems.some(function (s) { return have.indexOf(s.toUpperCase()) >= 0; })) return false;
    }
    if (when.strategy && state.strategy && when.strategy !== state.strategy) return false;
    if (when.min_sites != null && state.sites < when.min_sites) return false;
    if (when.max_sites != null && state.sites > when.max_sites) return false;
    if (when.min_users != null && state.users < when.min_users) return false;
    if (when.max_users != null && state.users > when.max_users) return false;
    if (when.country && !when.country.some(function (c) { return c.toUpperCase() === state.country.toUpperCase(); })) return false;
    return true;
  }
  function visible(items) {
    var out = items.filter(function (item) { return holds(item.when); });
    counted.shown += out.length; counted.total += items.length;
    return out;
  }
  function whenBadge(when) {
    if (!when) return null;
    var parts = [];
    if (when.systems) parts.push(when.systems.join("/"));
    if (when.strategy) parts.push(when.strategy);
    if (when.min_sites != null) parts.push("sites ≥ " + when.min_sites);
    if (when.max_sites != null) parts.push("sites ≤ " + when.max_sites);
    if (when.min_users != null) parts.push("users ≥ " + when.min_users);
    if (when.max_users != null) parts.push("users ≤ " + when.max_users);
    if (when.country) parts.push(when.country.join("/"));
    return parts.length ? el("span", { cls: "badge when", title: u("when") }, parts.join(", ")) : null;
  }
  function list(items) {
    if (!items || !items.length) return "";
    return el("ul", null, items.map(function (x) { return el("li", { text: t(x) }); }));
  }
  function table(headers, rows) {
    return el("table", null,
      el("thead", null, el("tr", null, headers.map(function (h) { return el("th", { text: u(h) }); }))),
      el("tbody", null, rows));
  }
  function td(value, cls) { return el("td", cls ? { cls: cls } : null, value === null || value === undefined ? "" : (typeof value === "object" && !(value instanceof Node) ? t(value) : value)); }
  function row(id, cells, cls) {
    var attrs = { id: "item-" + id, "data-id": id };
    if (cls) attrs.cls = cls;
    return el("tr", attrs, cells);
  }
  function needs(levels) {
    var keys = SKILLS.filter(function (s) { return levels && levels[s]; });
    if (!keys.length) return "";
    return el("span", null, keys.map(function (s) { return el("span", { cls: "need" }, u(s) + " ", levelBadge(levels[s])); }));
  }
  function levelBadge(level) { return level ? el("span", { cls: "level level-" + level, text: String(level) }) : ""; }

  /* ---------------- views ---------------- */
  var render_view = {
    overview: function (p) {
      var meta = p.meta;
      var counts = Object.keys(p.counts).filter(function (k) { return typeof p.counts[k] === "number"; });
      return [
        el("p", { text: t(meta.description) }),
        el("div", { cls: "card" }, el("dl", null,
          el("dt", { text: u("version") }), el("dd", { text: meta.version }),
          // the packs this one extends (its chain without itself); the base pack extends none
          el("dt", { text: u("chain") }), el("dd", { text: p.chain.slice(0, -1).join(" → ") || u("extends_none") }),
          el("dt", { text: u("systems") }), el("dd", { text: (meta.systems || []).join(", ") }))),
        el("h3", { text: u("counts") }),
        table(["section", "count"], counts.map(function (k) {
          var label = u("count-" + k) === "count-" + k ? k.replace(/_/g, " ") : u("count-" + k);
          return el("tr", null, el("td", { text: label }), el("td", { cls: "num", text: String(p.counts[k]) }));
        }))
      ];
    },
    plan: function (p) {
      var out = [];
      var phases = p.phases.slice().sort(function (a, b) { return a.order - b.order; });
      phases.forEach(function (phase) {
        var tasks = visible(p.tasks.filter(function (x) { return x.phase === phase.id; }));
        out.push(el("h3", { id: "item-" + phase.id, "data-id": phase.id }, t(phase.name)));
        if (phase.description) out.push(el("p", { cls: "muted", text: t(phase.description) }));
        out.push(table(["id", "task", "duration", "owner", "effort", "after", "deliverables", "needs", "when"], tasks.map(function (x) {
          var effort = Object.keys(x.effort || {}).map(function (r) { return roleName(r) + " " + x.effort[r]; }).join("; ");
          var after = (x.after || []).map(function (d) { return d.id + (d.type !== "FS" ? " " + d.type : "") + (d.lag ? (d.lag > 0 ? "+" : "") + d.lag : ""); }).join(", ");
          return row(x.id, [td(x.id), td(el("span", null, t(x.name), x.milestone ? el("span", { cls: "badge", text: u("milestone") }) : null)),
            td(String(x.duration), "num"), td(roleName(x.owner)), td(effort), td(after), td(list(x.deliverables)), td(needs(x.competencies)), td(whenBadge(x.when))], "task");
        })));
      });
      var ceremonies = visible(p.ceremonies);
      if (ceremonies.length) {
        out.push(el("h3", { text: u("ceremonies") }));
        out.push(table(["id", "name", "cadence", "chair", "when"], ceremonies.map(function (c) {
          return row(c.id, [td(c.id), td(c.name), td(c.cadence + " " + c.weekday + " " + c.time), td(roleName(c.chair)), td(whenBadge(c.when))]);
        })));
      }
      return out;
    },
    gates: function (p) {
      return visible(p.gates).map(function (g) {
        return el("div", { cls: "card gate", id: "item-" + g.id, "data-id": g.id },
          el("h4", null, t(g.name), " ", el("span", { cls: "badge", text: g.kind + (g.key_node ? ": " + g.key_node : "") }), whenBadge(g.when)),
          el("dl", null,
            el("dt", { text: u("phase") }), el("dd", { text: phaseName(g.phase) }),
            el("dt", { text: u("entry") }), el("dd", null, list(g.entry_criteria)),
            el("dt", { text: u("exit") }), el("dd", null, list(g.exit_criteria)),
            el("dt", { text: u("signoff") }), el("dd", { text: (g.signoff || []).map(roleName).join(", ") })));
      });
    },
    risks: function (p) {
      var risks = visible(p.risks).slice().sort(function (a, b) { return b.likelihood * b.impact - a.likelihood * a.impact || (a.id < b.id ? -1 : 1); });
      var out = [table(["id", "title", "phase", "likelihood", "impact", "score", "owner", "trigger", "mitigation", "when"], risks.map(function (r) {
        return row(r.id, [td(r.id), td(r.title), td(phaseName(r.phase)), td(String(r.likelihood), "num"), td(String(r.impact), "num"),
          td(String(r.likelihood * r.impact), "num"), td(roleName(r.owner)), td(r.trigger), td(r.mitigation), td(whenBadge(r.when))], "risk");
      }))];
      var people = visible(p.stakeholders);
      if (people.length) {
        out.push(el("h3", { text: u("stakeholders") }));
        out.push(table(["id", "name", "interest", "influence", "when"], people.map(function (s) {
          return row(s.id, [td(s.id), td(t(s.name) + " — " + t(s.department)), td(String(s.interest), "num"), td(String(s.influence), "num"), td(whenBadge(s.when))]);
        })));
      }
      return out;
    },
    migration: function (p) {
      var byId = {};
      p.migration.forEach(function (m) { byId[m.id] = m; });
      var shown = visible(p.migration).map(function (m) { return m.id; });
      var seq = 0;
      var rows = p.load_order.filter(function (o) { return shown.indexOf(o[0]) >= 0; }).map(function (o) {
        var m = byId[o[0]];
        var from = (p.migration_sources || {})[m.id] || {};
        seq += 1;
        return row(m.id, [td(String(seq), "num"), td(String(o[1]), "num"), td(m.id), td(m.name), td(u("kind-" + m.kind)),
          td(from.system + (from.table ? " · " + from.table : "")), td((m.depends_on || []).join(", ")), td(roleName(m.owner)), td(whenBadge(m.when))], "object");
      });
      var out = [el("h3", { text: u("load_order") }), table(["seq", "wave", "id", "name", "kind", "source", "depends", "owner", "when"], rows)];
      shown.forEach(function (id) {
        var m = byId[id];
        if (!m.fields || !m.fields.length) return;
        out.push(el("details", { cls: "fields" }, el("summary", null, t(m.name) + " — " + u("fields") + " (" + m.fields.length + ")"),
          table(["name", "technical", "type", "mandatory", "validation"], m.fields.map(function (f) {
            return el("tr", null, td(f.name), td(f.technical), td(f.type + (f.length ? "(" + f.length + ")" : "")), td(f.mandatory), td(f.validation));
          }))));
      });
      var steps = visible(p.cutover);
      if (steps.length) {
        out.push(el("h3", { text: u("cutover") }));
        out.push(table(["seq", "name", "owner"], steps.slice().sort(function (a, b) { return a.order - b.order; }).map(function (s) {
          return row(s.id, [td(String(s.order), "num"), td(s.name), td(roleName(s.owner))]);
        })));
      }
      return out;
    },
    training: function (p) {
      var out = [el("h3", { text: u("audiences") }), table(["id", "name", "share", "hours", "when"], visible(p.audiences).map(function (a) {
        return row(a.id, [td(a.id), td(a.name), td(a.headcount != null ? String(a.headcount) : Math.round(a.share * 100) + "%", "num"), td(a.hours.join("–"), "num"), td(whenBadge(a.when))]);
      }))];
      var courses = visible(p.courses);
      ["basic", "advanced", "self-support"].forEach(function (tier) {
        var inTier = courses.filter(function (c) { return c.tier === tier; });
        if (!inTier.length) return;
        out.push(el("h3", { text: u(tier) }));
        out.push(table(["id", "title", "audiences", "mode", "minutes", "modules", "when"], inTier.map(function (c) {
          var minutes = c.modules.reduce(function (s, m) { return s + m.minutes; }, 0);
          return row(c.id, [td(c.code), td(c.title), td(c.audiences.join(", ")), td(u("mode-" + c.mode)), td(String(minutes), "num"),
            td(list(c.modules.map(function (m) { return m.topic; }))), td(whenBadge(c.when))], "course");
        })));
      });
      var support = visible(p.support);
      if (support.length) {
        out.push(el("h3", { text: u("support") }));
        out.push(table(["id", "name", "kind"], support.map(function (s) { return row(s.id, [td(s.id), td(s.name), td(s.kind)]); })));
      }
      return out;
    },
    roles: function (p) {
      var headers = ["id", "name", "side", "rate"].concat(SKILLS);
      return [el("p", { cls: "muted", text: u("competencies") }), table(headers, visible(p.roles).map(function (r) {
        var comp = r.competencies || {};
        return row(r.id, [td(r.id), td(r.name), td(r.side), td(String(r.day_rate), "num")].concat(SKILLS.map(function (s) { return td(levelBadge(comp[s])); })), "role");
      }))];
    },
    templates: function (p) {
      return [table(["from", "file"], p.templates.map(function (x) { return el("tr", null, td(x[0]), td(x[1])); }))];
    },
    lessons: function (p) {
      return visible(p.lessons).map(function (l) {
        return el("div", { cls: "card lesson", id: "item-" + l.id, "data-id": l.id },
          el("h4", null, t(l.title), " ", l.phase ? el("span", { cls: "badge", text: phaseName(l.phase) }) : null, whenBadge(l.when)),
          el("dl", null,
            l.trigger ? [el("dt", { text: u("trigger") }), el("dd", { text: t(l.trigger) })] : null,
            el("dt", { text: u("pitfall") }), el("dd", { text: t(l.pitfall) }),
            el("dt", { text: u("advice") }), el("dd", { text: t(l.advice) }),
            (l.provenance || []).length ? [el("dt", { text: u("provenance") }), el("dd", null, list((l.provenance || []).map(function (x) {
              return [x.project, x.client, x.date, x.note].filter(Boolean).join(" · ");
            })))] : null));
      });
    },
    diff: function (p) {
      if (!DATA.diff) return [el("p", { cls: "muted", text: u("no_diff") })];
      var d = DATA.diff.packs[state.pack];
      if (!d) return [el("p", { cls: "muted", text: u("ids_only_new") + ": " + state.pack })];
      var out = [el("p", { text: DATA.diff.old_dir + " " + d.old_version + " → " + d.new_version })];
      Object.keys(d.sections).forEach(function (section) {
        var s = d.sections[section];
        out.push(el("h3", { text: u(section) }));
        var rows = [];
        s.added.forEach(function (id) { rows.push(el("tr", { cls: "diff-added" }, td("+ " + u("added")), td(id), td(""))); });
        s.removed.forEach(function (id) { rows.push(el("tr", { cls: "diff-removed" }, td("− " + u("removed")), td(id), td(""))); });
        s.changed.forEach(function (c) { rows.push(el("tr", { cls: "diff-changed" }, td("~ " + u("changed")), td(c[0]), td(c[1].join(", ")))); });
        out.push(table(["kind", "id", "fields"], rows));
      });
      return out;
    }
  };

  function searchResults() {
    var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    var hits = DATA.index.filter(function (e) { return words.every(function (w) { return e[3].indexOf(w) >= 0; }); });
    if (!hits.length) return [el("p", { cls: "muted", id: "no-results", text: u("no_results") })];
    return [el("ol", { id: "results" }, hits.slice(0, 200).map(function (e) {
      var p = DATA.packs[e[0]];
      var item = null;
      (p[e[1]] || []).forEach(function (x) { if (x.id === e[2]) item = x; });
      var label = item ? t(item.name || item.title || item.id) : t(p.meta.name);
      var view = SECTION_VIEW[e[1]] || "overview";
      return el("li", { cls: "result" }, el("a", {
        href: "#/" + state.lang + "/" + e[0] + "/" + view,
        onclick: function (ev) { ev.preventDefault(); go({ pack: e[0], view: view, q: "" }, e[2]); }
      }, label), " ", el("span", { cls: "muted", text: e[0] + " · " + e[1] + " · " + e[2] }));
    }))];
  }

  /* ---------------- state, hash, rendering ---------------- */
  function toHash() {
    var q = [];
    if (state.systems !== null) q.push("systems=" + encodeURIComponent(state.systems.join(",")));
    if (state.strategy) q.push("strategy=" + state.strategy);
    if (state.sites !== 1) q.push("sites=" + state.sites);
    if (state.users !== 200) q.push("users=" + state.users);
    if (state.country !== "CN") q.push("country=" + encodeURIComponent(state.country));
    if (state.q) q.push("q=" + encodeURIComponent(state.q));
    return "#/" + state.lang + "/" + state.pack + "/" + state.view + (q.length ? "?" + q.join("&") : "");
  }
  function fromHash(hash) {
    if (!hash || hash.indexOf("#/") !== 0) return;
    var parts = hash.slice(2).split("?");
    var path = parts[0].split("/");
    if (path[0] === "en" || path[0] === "zh") state.lang = path[0];
    if (path[1] && DATA.packs[decodeURIComponent(path[1])]) state.pack = decodeURIComponent(path[1]);
    if (path[2] && VIEWS.indexOf(path[2]) >= 0) state.view = path[2];
    state.q = ""; state.systems = null; state.strategy = ""; state.sites = 1; state.users = 200; state.country = "CN";
    (parts[1] || "").split("&").forEach(function (pair) {
      var kv = pair.split("="), value = decodeURIComponent(kv[1] || "");
      if (kv[0] === "q") state.q = value;
      if (kv[0] === "systems") state.systems = value ? value.split(",") : [];
      if (kv[0] === "strategy" && (value === "big-bang" || value === "phased")) state.strategy = value;
      if (kv[0] === "sites") state.sites = parseInt(value, 10) || 1;
      if (kv[0] === "users") state.users = parseInt(value, 10) || 200;
      if (kv[0] === "country" && /^[A-Za-z]{2}$/.test(value)) state.country = value.toUpperCase();
    });
  }
  function go(patch, focusId) {
    for (var key in patch) state[key] = patch[key];
    if (history.replaceState) history.replaceState(null, "", toHash());
    render();
    if (focusId) {
      var target = document.getElementById("item-" + focusId);
      if (target) { target.classList.add("hit"); if (target.scrollIntoView) target.scrollIntoView(); }
    }
  }

  function renderChrome() {
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    document.title = u("site_title");
    document.getElementById("title").textContent = u("site_title");
    var search = document.getElementById("search");
    search.placeholder = u("search");
    if (search.value !== state.q) search.value = state.q;
    document.getElementById("lang-switch").textContent = u("lang");
    var nav = document.getElementById("nav");
    nav.textContent = "";
    nav.appendChild(el("h2", { text: u("packs") }));
    DATA.order.forEach(function (id) {
      nav.appendChild(el("a", { href: "#/" + state.lang + "/" + id + "/" + state.view, cls: "pack-link" + (id === state.pack ? " active" : ""), "data-pack": id,
        onclick: function (ev) { ev.preventDefault(); go({ pack: id, q: "" }); } }, t(DATA.packs[id].meta.name)));
    });
    nav.appendChild(el("h2", { text: u("views") }));
    VIEWS.forEach(function (view) {
      if (view === "diff" && !DATA.diff) return;
      nav.appendChild(el("a", { href: "#/" + state.lang + "/" + state.pack + "/" + view, cls: "view-link" + (view === state.view && !state.q ? " active" : ""), "data-view": view,
        onclick: function (ev) { ev.preventDefault(); go({ view: view, q: "" }); } }, u(view)));
    });
    nav.appendChild(el("h2", { text: u("answers") }));
    var systems = el("div", { id: "systems" });
    DATA.systems.forEach(function (name) {
      var box = el("input", { type: "checkbox", value: name, "data-system": name });
      box.checked = state.systems !== null && state.systems.indexOf(name) >= 0;
      box.addEventListener("change", function () {
        var chosen = Array.prototype.slice.call(document.querySelectorAll("#systems input:checked")).map(function (b) { return b.value; });
        go({ systems: chosen.length ? chosen : null });
      });
      systems.appendChild(el("label", null, box, " " + name));
    });
    nav.appendChild(el("div", null, el("span", { cls: "muted", text: u("systems") }), systems));
    var strategy = el("select", { id: "strategy" },
      el("option", { value: "", text: u("any") }), el("option", { value: "big-bang", text: "big-bang" }), el("option", { value: "phased", text: "phased" }));
    strategy.value = state.strategy;
    strategy.addEventListener("change", function () { go({ strategy: strategy.value }); });
    nav.appendChild(el("label", null, u("strategy"), strategy));
    var sites = el("input", { type: "number", min: "1", id: "sites", value: String(state.sites) });
    sites.addEventListener("change", function () { go({ sites: parseInt(sites.value, 10) || 1 }); });
    var users = el("input", { type: "number", min: "1", id: "users", value: String(state.users) });
    users.addEventListener("change", function () { go({ users: parseInt(users.value, 10) || 200 }); });
    nav.appendChild(el("label", null, u("sites"), sites));
    nav.appendChild(el("label", null, u("users"), users));
    var country = el("input", { type: "text", maxlength: "2", id: "country", value: state.country });
    country.addEventListener("change", function () { go({ country: /^[A-Za-z]{2}$/.test(country.value) ? country.value.toUpperCase() : "CN" }); });
    nav.appendChild(el("label", null, u("country"), country));
    nav.appendChild(el("div", { id: "count" }));
  }

  function render() {
    counted = { shown: 0, total: 0 };
    renderChrome();
    var main = document.getElementById("main");
    main.textContent = "";
    var p = pack();
    if (state.q) {
      main.appendChild(el("h2", { text: u("search_results") + ": " + state.q }));
      main.setAttribute("data-view", "search");
      searchResults().forEach(function (n) { main.appendChild(n); });
    } else {
      main.appendChild(el("h2", null, t(p.meta.name) + " — " + u(state.view)));
      main.setAttribute("data-view", state.view);
      main.setAttribute("data-pack", state.pack);
      var nodes = render_view[state.view](p);
      (Array.isArray(nodes) ? nodes : [nodes]).forEach(function (n) { if (n) main.appendChild(n); });
    }
    document.getElementById("count").textContent = counted.total ? u("shown").replace("{n}", counted.shown).replace("{m}", counted.total) : "";
  }

  document.getElementById("lang-switch").addEventListener("click", function () { go({ lang: state.lang === "zh" ? "en" : "zh" }); });
  document.getElementById("search").addEventListener("input", function (ev) { go({ q: ev.target.value.trim() }); });
  window.addEventListener("hashchange", function () { if (location.hash !== toHash()) { fromHash(location.hash); render(); } });

  /* Self-test (open the page with #selftest): clicks through the page and writes the results
   * into <pre id="selftest"> as JSON, for a headless browser (chromium --dump-dom) to read. */
  function selftest() {
    var results = [];
    function check(name, ok, detail) { results.push({ name: name, ok: !!ok, detail: detail || "" }); }
    function click(node) { node.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true })); }
    var first = DATA.order[0];
    go({ lang: "en", pack: first, view: "overview", q: "" });
    DATA.order.forEach(function (id) {
      click(document.querySelector('a.pack-link[data-pack="' + id + '"]'));
      check("pack link " + id, document.getElementById("main").getAttribute("data-pack") === id);
    });
    VIEWS.forEach(function (view) {
      var link = document.querySelector('a.view-link[data-view="' + view + '"]');
      if (!link) return;
      click(link);
      check("view link " + view, document.getElementById("main").getAttribute("data-view") === view && location.hash.indexOf("/" + view) > 0);
    });
    click(document.querySelector('a.view-link[data-view="plan"]'));
    var p = pack();
    var task = p.tasks[0];
    var rows = document.querySelectorAll("#main tr.task").length;
    check("plan lists every task", rows === p.tasks.length, rows + " / " + p.tasks.length);
    check("task text en", document.getElementById("main").textContent.indexOf(task.name.en || "") >= 0);
    click(document.getElementById("lang-switch"));
    check("language switch to zh", document.documentElement.lang === "zh-CN" && document.getElementById("title").textContent === UI.zh.site_title);
    check("task text zh", document.getElementById("main").textContent.indexOf(t(task.name)) >= 0 && /[\u4e00-\u9fff]/.test(t(task.name)), t(task.name));
    var search = document.getElementById("search");
    var term = t(task.name);
    search.value = term;
    search.dispatchEvent(new Event("input", { bubbles: true }));
    var hits = document.querySelectorAll("#results li.result");
    check("search finds the task", hits.length > 0 && document.getElementById("results").textContent.indexOf(task.id) >= 0, hits.length + " hits for " + term);
    if (hits.length) {
      click(hits[0].querySelector("a"));
      check("search result opens its view", document.getElementById("main").getAttribute("data-view") !== "search");
    }
    search.value = "zzzz-no-such-text";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    check("search without hits says so", !!document.getElementById("no-results"));
    click(document.getElementById("lang-switch"));
    check("language switch back to en", document.documentElement.lang === "en" && search.placeholder === UI.en.search);
    var conditional = null;
    DATA.order.forEach(function (id) { DATA.packs[id].tasks.forEach(function (x) { if (!conditional && x.when && x.when.systems) conditional = [id, x]; }); });
    if (conditional) {
      go({ pack: conditional[0], view: "plan", q: "", systems: null });
      var before = document.querySelectorAll("#main tr.task").length;
      var other = DATA.systems.filter(function (s) { return conditional[1].when.systems.indexOf(s) < 0; });
      var box = document.querySelector('#systems input[data-system="' + (other[0] || "none") + '"]');
      if (box) { box.checked = true; box.dispatchEvent(new Event("change", { bubbles: true })); }
      var after = document.querySelectorAll("#main tr.task").length;
      check("system filter hides " + conditional[1].id, before > after && !document.getElementById("item-" + conditional[1].id), before + " -> " + after);
    }
    go({ systems: null, strategy: "", country: "CN", lang: "en", pack: first, view: "overview", q: "" });
    var out = document.getElementById("selftest");
    out.textContent = JSON.stringify(results);
    out.hidden = false;
  }

  if (location.hash === "#selftest") { render(); selftest(); }
  else { fromHash(location.hash); render(); }
})();
