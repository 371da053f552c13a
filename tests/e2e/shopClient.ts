/** A call to the service's shop side with its key; answers the status and the JSON body. */
export async function shopCall(serverUrl: string, key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, serverUrl), {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

/** A shop call that must succeed: its JSON body, or an error saying what the shop answered. */
export async function shopOk(serverUrl: string, key: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const { status, json } = await shopCall(serverUrl, key, method, path, body);
  if (status >= 400) throw new Error(`${method} ${path}: ${status} ${JSON.stringify(json)}`);
  return json;
}
