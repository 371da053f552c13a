import WebSocket from 'ws';

/** One bridge call over the browser host's socket, with the page's own secret and origin. */
export async function callBridge(hostUrl: string, name: string, input: unknown): Promise<unknown> {
  const url = new URL(hostUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    const answer = new Promise<unknown>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown };
        if (message.kind === 'result' && message.id === 1) resolve(message.result);
      });
    });
    ws.send(JSON.stringify({ id: 1, name, input }));
    return await answer;
  } finally {
    ws.close();
  }
}
