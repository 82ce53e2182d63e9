// The server's JSON API, the write token, and h(): the one way this page makes DOM nodes. Text always
// goes in as text nodes, never as markup: article text is untrusted.

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "style") Object.assign(node.style, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

// A link from the store (a source's URL) only when it is http(s): "javascript:" and "data:" never reach an href.
export function safeHref(value) {
  try {
    const parsed = new URL(String(value), location.origin);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch { return null; }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : "";
}

export function url(path, params) { return path + query(params); }

export async function get(path, params, { signal } = {}) {
  const response = await fetch(url(path, params), { signal, headers: { Accept: "application/json" } });
  return answer(response);
}

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, (body && body.error) || `HTTP ${response.status}`);
  return body;
}

// A request that a newer one of the same name replaces: the older is aborted, its answer never drawn.
const latest = new Map();
export async function getLatest(name, path, params) {
  latest.get(name)?.abort();
  const control = new AbortController();
  latest.set(name, control);
  try {
    return await get(path, params, { signal: control.signal });
  } catch (error) {
    if (error.name === "AbortError") return null;
    throw error;
  } finally {
    if (latest.get(name) === control) latest.delete(name);
  }
}

// The write token: `fogmap serve` prints the page's address as /#token=...; it is kept for this tab
// only and taken out of the address bar (and so out of history and screenshots).
const TOKEN_KEY = "fogmap.token";
export function adoptTokenFromAddress() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const token = hash.get("token");
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    hash.delete("token");
    const rest = hash.toString();
    history.replaceState(null, "", location.pathname + location.search + (rest ? `#${rest}` : ""));
  }
}

export function token({ ask = true } = {}) {
  let value = sessionStorage.getItem(TOKEN_KEY);
  if (!value && ask) {
    value = (window.prompt("Write token (printed by `fogmap serve`):") || "").trim();
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
  }
  return value || null;
}

export async function post(path, body) {
  const secret = token();
  if (!secret) throw new ApiError(401, "no write token: start the page from the address `fogmap serve` prints");
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${secret}` },
    body: JSON.stringify(body),
  });
  if (response.status === 401) sessionStorage.removeItem(TOKEN_KEY);
  return answer(response);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// Days as ISO strings: the slider counts whole days from the store's first one.
export const DAY_MS = 86400000;
export function dayToIso(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
export function isoToDay(iso) { return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS); }
