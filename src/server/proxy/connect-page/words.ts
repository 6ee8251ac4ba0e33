import type { Locale } from '../../locale.js';

type Closed = { title: string; text: string };

/** The hosted connect page's words; `{done}` and `{total}` are filled in by connect.js as apps get connected. */
export interface ConnectWords {
  hello: (host: string, name?: string) => string;
  /** `apps` is already a list in the page's language ("A, B and C"). */
  asked: (host: string, count: number, apps: string) => string;
  progress: string;
  allDone: string;
  linkFailed: string;
  expires: (date: string) => string;
  title: (host: string) => string;
  unknown: Closed;
  expired: Closed;
  revoked: Closed;
}

/** The page's words in every shipped locale. */
export const CONNECT_WORDS: Record<Locale, ConnectWords> = {
  en: {
    hello: (host, name) => (name ? `${name}, connect your apps to ${host}` : `Connect your apps to ${host}`),
    asked: (host, count, apps) =>
      `${host} asked you to connect ${count === 1 ? 'this app' : `these ${count} apps`}: ${apps}. Your credentials go to the connection service only.`,
    progress: '{done} of {total} connected',
    allDone: 'All done: you can close this page.',
    linkFailed: 'This link could not be opened just now. Reload the page to try again; if it still fails, ask for a new invitation.',
    expires: (date) => `This link works until ${date}.`,
    title: (host) => `Connect your apps · ${host}`,
    unknown: {
      title: 'This link is not valid',
      text: 'The link may be incomplete, or a newer invitation replaced it. Open the link from the latest email, or ask for a new invitation.',
    },
    expired: {
      title: 'This invitation has expired',
      text: 'Invitation links work for a limited time. Ask for a new invitation to connect your apps.',
    },
    revoked: {
      title: 'This invitation was withdrawn',
      text: 'The link no longer works. If you still need to connect your apps, ask for a new invitation.',
    },
  },
  de: {
    hello: (host, name) => (name ? `${name}, verbinden Sie Ihre Apps mit ${host}` : `Verbinden Sie Ihre Apps mit ${host}`),
    asked: (host, count, apps) =>
      `${host} bittet Sie, ${count === 1 ? 'diese App' : `diese ${count} Apps`} zu verbinden: ${apps}. Ihre Zugangsdaten gehen nur an den Verbindungsdienst.`,
    progress: '{done} von {total} verbunden',
    allDone: 'Alles erledigt: Sie können diese Seite schließen.',
    linkFailed:
      'Dieser Link ließ sich gerade nicht öffnen. Laden Sie die Seite neu, um es noch einmal zu versuchen; klappt es weiterhin nicht, bitten Sie um eine neue Einladung.',
    expires: (date) => `Dieser Link ist gültig bis ${date}.`,
    title: (host) => `Apps verbinden · ${host}`,
    unknown: {
      title: 'Dieser Link ist ungültig',
      text: 'Der Link ist vielleicht unvollständig, oder eine neuere Einladung hat ihn ersetzt. Öffnen Sie den Link aus der neuesten E-Mail oder bitten Sie um eine neue Einladung.',
    },
    expired: {
      title: 'Diese Einladung ist abgelaufen',
      text: 'Einladungslinks gelten nur für begrenzte Zeit. Bitten Sie um eine neue Einladung, um Ihre Apps zu verbinden.',
    },
    revoked: {
      title: 'Diese Einladung wurde zurückgezogen',
      text: 'Der Link funktioniert nicht mehr. Wenn Sie Ihre Apps noch verbinden müssen, bitten Sie um eine neue Einladung.',
    },
  },
  fr: {
    hello: (host, name) => (name ? `${name}, connectez vos applications à ${host}` : `Connectez vos applications à ${host}`),
    asked: (host, count, apps) =>
      `${host} vous invite à connecter ${count === 1 ? 'cette application' : `ces ${count} applications`} : ${apps}. Vos identifiants ne sont transmis qu’au service de connexion.`,
    progress: 'Applications connectées : {done} sur {total}',
    allDone: 'Terminé : vous pouvez fermer cette page.',
    linkFailed:
      'Impossible d’ouvrir ce lien pour le moment. Rechargez la page pour réessayer ; si le problème persiste, demandez une nouvelle invitation.',
    expires: (date) => `Ce lien est valable jusqu’au ${date}.`,
    title: (host) => `Connectez vos applications · ${host}`,
    unknown: {
      title: 'Ce lien n’est pas valide',
      text: 'Le lien est peut-être incomplet, ou une invitation plus récente l’a remplacé. Ouvrez le lien du dernier e-mail reçu ou demandez une nouvelle invitation.',
    },
    expired: {
      title: 'Cette invitation a expiré',
      text: 'Les liens d’invitation ne sont valables que pendant une durée limitée. Demandez une nouvelle invitation pour connecter vos applications.',
    },
    revoked: {
      title: 'Cette invitation a été retirée',
      text: 'Ce lien ne fonctionne plus. Si vous devez encore connecter vos applications, demandez une nouvelle invitation.',
    },
  },
  es: {
    hello: (host, name) => (name ? `${name}, conecta tus aplicaciones con ${host}` : `Conecta tus aplicaciones con ${host}`),
    asked: (host, count, apps) =>
      `${host} te pide que conectes ${count === 1 ? 'esta aplicación' : `estas ${count} aplicaciones`}: ${apps}. Tus credenciales solo se envían al servicio de conexión.`,
    progress: '{done} de {total} conectadas',
    allDone: 'Listo: ya puedes cerrar esta página.',
    linkFailed:
      'No se ha podido abrir este enlace ahora mismo. Vuelve a cargar la página para intentarlo de nuevo; si sigue fallando, pide una nueva invitación.',
    expires: (date) => `Este enlace es válido hasta el ${date}.`,
    title: (host) => `Conecta tus aplicaciones · ${host}`,
    unknown: {
      title: 'Este enlace no es válido',
      text: 'Puede que el enlace esté incompleto o que una invitación más reciente lo haya sustituido. Abre el enlace del correo más reciente o pide una nueva invitación.',
    },
    expired: {
      title: 'Esta invitación ha caducado',
      text: 'Los enlaces de invitación solo funcionan durante un tiempo limitado. Pide una nueva invitación para conectar tus aplicaciones.',
    },
    revoked: {
      title: 'Esta invitación se ha retirado',
      text: 'El enlace ya no funciona. Si todavía necesitas conectar tus aplicaciones, pide una nueva invitación.',
    },
  },
  'pt-BR': {
    hello: (host, name) => (name ? `${name}, conecte seus aplicativos ao ${host}` : `Conecte seus aplicativos ao ${host}`),
    asked: (host, count, apps) =>
      `${host} pediu que você conecte ${count === 1 ? 'este aplicativo' : `estes ${count} aplicativos`}: ${apps}. Suas credenciais vão apenas para o serviço de conexão.`,
    progress: '{done} de {total} conectados',
    allDone: 'Tudo pronto: você já pode fechar esta página.',
    linkFailed:
      'Não foi possível abrir este link agora. Recarregue a página para tentar de novo; se continuar falhando, peça um novo convite.',
    expires: (date) => `Este link funciona até ${date}.`,
    title: (host) => `Conecte seus aplicativos · ${host}`,
    unknown: {
      title: 'Este link não é válido',
      text: 'O link pode estar incompleto, ou um convite mais recente o substituiu. Abra o link do e-mail mais recente ou peça um novo convite.',
    },
    expired: {
      title: 'Este convite expirou',
      text: 'Os links de convite funcionam por tempo limitado. Peça um novo convite para conectar seus aplicativos.',
    },
    revoked: {
      title: 'Este convite foi cancelado',
      text: 'O link não funciona mais. Se você ainda precisa conectar seus aplicativos, peça um novo convite.',
    },
  },
  ja: {
    hello: (host, name) => (name ? `${name}様、アプリを${host}に接続してください` : `アプリを${host}に接続してください`),
    asked: (host, count, apps) =>
      `${host}から${count === 1 ? '次のアプリ' : `次の${count}個のアプリ`}の接続を依頼されています：${apps}。認証情報は接続サービスにのみ送信されます。`,
    progress: '{total}件中{done}件を接続済み',
    allDone: 'すべて完了しました。このページは閉じてかまいません。',
    linkFailed:
      '現在このリンクを開けません。ページを再読み込みして、もう一度お試しください。それでも開けない場合は、新しい招待を依頼してください。',
    expires: (date) => `このリンクは${date}まで有効です。`,
    title: (host) => `アプリの接続 · ${host}`,
    unknown: {
      title: 'このリンクは無効です',
      text: 'リンクが途中で切れているか、新しい招待に置き換えられた可能性があります。最新のメールにあるリンクを開くか、新しい招待を依頼してください。',
    },
    expired: {
      title: 'この招待は期限切れです',
      text: '招待リンクの有効期間は限られています。アプリを接続するには、新しい招待を依頼してください。',
    },
    revoked: {
      title: 'この招待は取り消されました',
      text: 'このリンクはもう使えません。アプリの接続がまだ必要な場合は、新しい招待を依頼してください。',
    },
  },
  ar: {
    hello: (host, name) => (name ? `${name}، اربط تطبيقاتك بـ${host}` : `اربط تطبيقاتك بـ${host}`),
    asked: (host, count, apps) =>
      `طلب منك ${host} ربط ${count === 1 ? 'هذا التطبيق' : 'هذه التطبيقات'}: ${apps}. لا تُرسَل بيانات اعتمادك إلا إلى خدمة الربط.`,
    progress: 'تم ربط {done} من {total}',
    allDone: 'اكتمل كل شيء: يمكنك إغلاق هذه الصفحة.',
    linkFailed: 'تعذّر فتح هذا الرابط الآن. أعد تحميل الصفحة للمحاولة مرة أخرى؛ وإذا استمرت المشكلة، فاطلب دعوة جديدة.',
    expires: (date) => `يعمل هذا الرابط حتى ${date}.`,
    title: (host) => `اربط تطبيقاتك · ${host}`,
    unknown: {
      title: 'هذا الرابط غير صالح',
      text: 'ربما يكون الرابط ناقصًا، أو حلّت محلّه دعوة أحدث. افتح الرابط من أحدث رسالة بريد إلكتروني، أو اطلب دعوة جديدة.',
    },
    expired: {
      title: 'انتهت صلاحية هذه الدعوة',
      text: 'روابط الدعوات صالحة لمدة محدودة. اطلب دعوة جديدة لربط تطبيقاتك.',
    },
    revoked: {
      title: 'تم سحب هذه الدعوة',
      text: 'لم يعد هذا الرابط يعمل. إذا كنت لا تزال بحاجة إلى ربط تطبيقاتك، فاطلب دعوة جديدة.',
    },
  },
};
