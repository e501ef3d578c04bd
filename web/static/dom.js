// Element construction that only ever sets text: report and user strings never become markup.

/**
 * el('button', {class: 'cite', text: '[1]', attrs: {'aria-label': '근거 1'}, on: {click: fn}}, [children])
 * Children are elements or strings; strings become text nodes.
 */
export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.class) node.className = options.class;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const [event, handler] of Object.entries(options.on || {})) node.addEventListener(event, handler);
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export function button(label, onClick, className = '', attrs = {}) {
  return el('button', { class: className, text: label, attrs: { type: 'button', ...attrs }, on: { click: onClick } });
}

export function clear(node) {
  node.replaceChildren();
  return node;
}
