import { createHash } from 'node:crypto';
import type { OAuthMessage, ProblemCode } from '../../contract/index.js';
import { htmlStart, type Locale } from '../locale.js';
import type { CallbackResult } from '../platform/oauth.js';

/**
 * The page the provider's redirect lands on, in the popup. One fixed inline script (allowed by its
 * hash, so the page runs under a strict CSP) reads the result from a JSON data block, posts it to
 * the opener at the host page's exact origin, and closes the window. Without an opener (COOP, a
 * same-tab flow that lost its way) the page's words say what happened; the dialog learns it by
 * polling. Nothing secret is on it: no code, token, verifier or state.
 */
const SCRIPT =
  "(function(){var d=JSON.parse(document.getElementById('ce-oauth').textContent);" +
  'if(d.back){location.replace(d.back);return}' +
  'if(window.opener&&d.origin){try{window.opener.postMessage(d.message,d.origin)}catch(e){}window.close()}})();';
const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color-scheme:light dark}';
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

export const CALLBACK_CSP = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
// Inside <script type="application/json">: no "</script>" or "<!--" can close or confuse the block.
const jsonInHtml = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** Why a sign-in failed, in words for a person, by the problem's code. */
interface Reasons {
  consent: (app: string) => string;
  state: string;
  rejected: (app: string) => string;
  unreachable: (app: string) => string;
  vendor: (app: string) => string;
  other: string;
}

interface Words {
  connected: (app: string) => string;
  failed: string;
  connectedText: string;
  close: string;
  back: string;
  /** Absent in English: there the platform's own words say it best (they name the step that failed). */
  reasons?: Reasons;
}

/** The page's words in every shipped locale. */
export const CALLBACK_WORDS: Record<Locale, Words> = {
  en: {
    connected: (app) => `${app} is connected`,
    failed: 'The connection was not made',
    connectedText: 'Connected. You can close this window.',
    close: 'You can close this window.',
    back: 'Return to the site',
  },
  de: {
    connected: (app) => `${app} ist verbunden`,
    failed: 'Die Verbindung wurde nicht hergestellt',
    connectedText: 'Verbunden. Sie können dieses Fenster schließen.',
    close: 'Sie können dieses Fenster schließen.',
    back: 'Zurück zur Website',
    reasons: {
      consent: (app) =>
        `Sie haben den Zugriff in ${app} nicht erlaubt, daher wurde nichts verbunden. Verbinden Sie erneut und wählen Sie „Zulassen“.`,
      state:
        'Dieser Anmeldelink ist nicht mehr gültig (er wurde schon verwendet, ist abgelaufen oder wurde verändert). Schließen Sie dieses Fenster und verbinden Sie erneut.',
      rejected: (app) => `${app} hat die Anmeldung nicht akzeptiert. Verbinden Sie erneut.`,
      unreachable: (app) => `${app} ist gerade nicht erreichbar. Versuchen Sie es gleich noch einmal.`,
      vendor: (app) =>
        `${app} konnte die Anmeldung nicht abschließen. Versuchen Sie es erneut; wenn es weiterhin nicht klappt, wenden Sie sich an den Support der Website.`,
      other: 'Beim Verbinden ist auf dieser Website ein Fehler aufgetreten. Versuchen Sie es gleich noch einmal.',
    },
  },
  fr: {
    connected: (app) => `Connexion à ${app} établie`,
    failed: 'La connexion n’a pas été établie',
    connectedText: 'Connexion établie. Vous pouvez fermer cette fenêtre.',
    close: 'Vous pouvez fermer cette fenêtre.',
    back: 'Revenir au site',
    reasons: {
      consent: (app) =>
        `Vous n’avez pas autorisé l’accès dans ${app} : la connexion n’a donc pas été établie. Recommencez et choisissez Autoriser.`,
      state:
        'Ce lien de connexion n’est plus valide (il a déjà servi, a expiré ou a été modifié). Fermez cette fenêtre et recommencez la connexion.',
      rejected: (app) => `${app} n’a pas accepté la connexion. Recommencez la connexion.`,
      unreachable: (app) => `${app} est injoignable pour le moment. Réessayez dans un instant.`,
      vendor: (app) => `${app} n’a pas pu terminer la connexion. Réessayez ; si le problème persiste, contactez l’assistance du site.`,
      other: 'Une erreur s’est produite sur ce site pendant la connexion. Réessayez dans un instant.',
    },
  },
  es: {
    connected: (app) => `${app} se ha conectado`,
    failed: 'No se ha realizado la conexión',
    connectedText: 'Conectado. Ya puedes cerrar esta ventana.',
    close: 'Ya puedes cerrar esta ventana.',
    back: 'Volver al sitio',
    reasons: {
      consent: (app) => `No has permitido el acceso en ${app}, así que no se ha conectado. Vuelve a conectar y elige Permitir.`,
      state:
        'Este enlace de inicio de sesión ya no es válido (ya se usó, caducó o se modificó). Cierra esta ventana y vuelve a conectar.',
      rejected: (app) => `${app} no ha aceptado el inicio de sesión. Vuelve a conectar.`,
      unreachable: (app) => `No se ha podido contactar con ${app} en este momento. Inténtalo de nuevo en unos instantes.`,
      vendor: (app) =>
        `${app} no ha podido completar el inicio de sesión. Inténtalo de nuevo; si sigue ocurriendo, ponte en contacto con el soporte del sitio.`,
      other: 'Algo ha fallado en este sitio durante la conexión. Inténtalo de nuevo en unos instantes.',
    },
  },
  'pt-BR': {
    connected: (app) => `${app} foi conectado`,
    failed: 'A conexão não foi feita',
    connectedText: 'Conectado. Você já pode fechar esta janela.',
    close: 'Você já pode fechar esta janela.',
    back: 'Voltar ao site',
    reasons: {
      consent: (app) => `Você não permitiu o acesso no ${app}, então nada foi conectado. Conecte de novo e escolha Permitir.`,
      state: 'Este link de login não é mais válido (ele já foi usado, expirou ou foi alterado). Feche esta janela e conecte de novo.',
      rejected: (app) => `O ${app} não aceitou o login. Conecte de novo.`,
      unreachable: (app) => `Não foi possível acessar o ${app} agora. Tente de novo em instantes.`,
      vendor: (app) => `O ${app} não conseguiu concluir o login. Tente de novo; se continuar acontecendo, fale com o suporte do site.`,
      other: 'Algo deu errado neste site durante a conexão. Tente de novo em instantes.',
    },
  },
  ja: {
    connected: (app) => `${app}に接続しました`,
    failed: '接続できませんでした',
    connectedText: '接続しました。このウィンドウは閉じてかまいません。',
    close: 'このウィンドウは閉じてかまいません。',
    back: 'サイトに戻る',
    reasons: {
      consent: (app) => `${app}でアクセスが許可されなかったため、接続されませんでした。もう一度接続し、「許可」を選んでください。`,
      state:
        'このサインインリンクは無効です（使用済み、期限切れ、または改変されています）。このウィンドウを閉じて、もう一度接続してください。',
      rejected: (app) => `${app}でサインインが承認されませんでした。もう一度接続してください。`,
      unreachable: (app) => `現在${app}に接続できません。しばらくしてからもう一度お試しください。`,
      vendor: (app) =>
        `${app}でサインインを完了できませんでした。もう一度お試しください。問題が続く場合は、サイトのサポートにお問い合わせください。`,
      other: '接続中にこのサイトで問題が発生しました。しばらくしてからもう一度お試しください。',
    },
  },
  ar: {
    connected: (app) => `تم ربط ${app}`,
    failed: 'لم يتم الربط',
    connectedText: 'تم الربط. يمكنك إغلاق هذه النافذة.',
    close: 'يمكنك إغلاق هذه النافذة.',
    back: 'العودة إلى الموقع',
    reasons: {
      consent: (app) => `لم تسمح بالوصول في ${app}، لذا لم يتم الربط. أعد الربط واختر «السماح» لإتمامه.`,
      state: 'رابط تسجيل الدخول هذا لم يعد صالحًا (سبق استخدامه، أو انتهت صلاحيته، أو تم تغييره). أغلق هذه النافذة وأعد الربط.',
      rejected: (app) => `لم يقبل ${app} تسجيل الدخول. أعد الربط.`,
      unreachable: (app) => `تعذّر الوصول إلى ${app} حاليًا. حاول مرة أخرى بعد قليل.`,
      vendor: (app) => `تعذّر على ${app} إكمال تسجيل الدخول. حاول مرة أخرى؛ وإذا تكرر ذلك، فتواصل مع دعم الموقع.`,
      other: 'حدث خطأ في هذا الموقع أثناء الربط. حاول مرة أخرى بعد قليل.',
    },
  },
};

/** A failure in the page's language: the platform's own words in English, else the words for its code. */
function reasonOf(r: CallbackResult, words: Words, app: string): string {
  const reasons = words.reasons;
  if (!reasons) return r.message;
  const code: ProblemCode | undefined = r.code;
  if (code === 'consent_denied') return reasons.consent(app);
  if (code === 'state_invalid') return reasons.state;
  if (code === 'credentials_rejected') return reasons.rejected(app);
  if (code === 'vendor_unreachable' || code === 'vendor_timeout') return reasons.unreachable(app);
  if (code?.startsWith('vendor_') || code === 'refresh_failed') return reasons.vendor(app);
  return reasons.other;
}

/**
 * The page, in `locale`; `back` (a same-tab sign-in's return address) makes it go back to the host page at once.
 * A page rather than a 303: a provider whose sign-in page has a `form-action` CSP blocks every
 * redirect after its form's POST that leaves the origins it lists, and the host page is not one.
 */
export function callbackPage(r: CallbackResult, locale: Locale, back?: string): string {
  const message: OAuthMessage | undefined = r.flowId
    ? { type: 'ce:oauth', flowId: r.flowId, status: r.status, ...(r.code ? { code: r.code } : {}) }
    : undefined;
  const data = { origin: r.flowId ? (r.origin ?? null) : null, message: message ?? null, ...(back ? { back } : {}) };
  const words = CALLBACK_WORDS[locale];
  // The app's name as its definition spells it (brand names are not translated).
  const app = r.element ?? 'The app';
  const connected = r.status === 'connected';
  const title = connected ? words.connected(app) : words.failed;
  const text = connected ? (back ? '' : words.connectedText) : `${reasonOf(r, words, app)}${back ? '' : ` ${words.close}`}`;
  return (
    `<!doctype html>${htmlStart(locale)}<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style>` +
    `<script type="application/json" id="ce-oauth">${jsonInHtml(data)}</script><script>${SCRIPT}</script></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${text ? `<p>${escapeHtml(text)}</p>` : ''}` +
    (back ? `<p><a href="${escapeHtml(back)}">${escapeHtml(words.back)}</a></p>` : '') +
    '</main></body></html>'
  );
}
