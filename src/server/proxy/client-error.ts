import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from '../../contract/index.js';
import { ProblemError } from '../problem.js';

// Node's own answers to the other requests it cannot parse (see socketOnError in node's _http_server).
const NODE_ANSWERS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
  HPE_CHUNK_EXTENSIONS_OVERFLOW: '413 Payload Too Large',
};

/**
 * Node answers a request whose headers pass its limit (a 100 kB Authorization header) with a bare
 * 431 before the app sees it; this answers it as problem+json (`headers_too_large`), as the app would.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // A reset peer hears nothing; an answer already begun must not be corrupted.
    if (err.code !== 'ECONNRESET' && socket.writable && socket.bytesWritten === 0) {
      socket.write(
        err.code === 'HPE_HEADER_OVERFLOW'
          ? headersTooLarge()
          : `HTTP/1.1 ${NODE_ANSWERS[err.code ?? ''] ?? '400 Bad Request'}\r\nConnection: close\r\n\r\n`,
      );
    }
    socket.destroy(err);
  });
}

function headersTooLarge(): string {
  const p = new ProblemError(
    'headers_too_large',
    `The request headers are larger than ${maxHeaderSize} bytes; send a shorter Authorization or fewer cookies.`,
  );
  const body = JSON.stringify(p.toJSON());
  return [
    `HTTP/1.1 ${p.status} Request Header Fields Too Large`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
