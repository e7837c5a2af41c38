// Function words: short, frequent, topic-free words that tell languages apart.
// Weights below 1 mark words shared with a neighbour (Persian "به" / Pashto "به").

export const ARABIC_SCRIPT_LANGS = ['prs', 'pus', 'arb', 'urd', 'snd', 'ckb', 'uig'] as const;
export type ArabicScriptLang = (typeof ARABIC_SCRIPT_LANGS)[number];

/** Lookup form of an Arabic-script word: no harakat/tatweel, Arabic ي/ك folded to Persian ی/ک, ۀ to ه. Hamza forms kept. */
export function foldArabicWord(word: string): string {
  return word
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '')
    .replace(/ي/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/ۀ/g, 'ه');
}

// Written in folded form; "word" = weight 1, "word:0.5" = weight 0.5.
const ARABIC_SCRIPT_WORDS: Record<ArabicScriptLang, string> = {
  prs: `است را از این آن که:0.7 برای های ها می نمی شده شد شود شوند کرد کرده کند کنند کردند شدند بود بوده بودند باشد
    باشند نیز اند هستند هست نیست خود ایشان آنها آنان اینکه چون زیرا اما:0.7 ولی:0.7 دیگر همه همین چنین همچنین
    گفت گفته میگوید میگویند گفتند دارد دارند داشت داشته خواهد باید:0.5 یک یکی در تا:0.7 با به:0.6 بر:0.7 پس:0.7 اگر چه:0.5
    چند:0.7 هر:0.5 وی:0.5 او:0.3 ما:0.4 من:0.3 شما تو:0.5 نه:0.4 هم:0.3 یا:0.5 بین:0.4 بعد:0.4 قبل:0.3
    میشود میکند میکنند میباشد گردید گرفت گرفته داد داده کنیم کنید توسط درباره مورد بیش حدود روی زیر:0.7
    سوی نزد علیه:0.3 چرا کجا چطور هیچ کسی چیزی اینجا آنجا الی:0.5 سه چهار امروز:0.7 دیروز حتی`,
  pus: `د:2 په:1.5 چې کې کښې دې یې ئې ته له:0.8 دی ده:0.7 دا دغه هغه هغو هغوی دوی موږ مونږ زموږ تاسو تاسې ستاسو
    شوی شوې شوو شول شوه شو:0.7 وو وه:0.7 وی:0.5 سره څخه لپاره دپاره پر تر خو نو هم:0.3 یو یوه یوې او:0.7 نه:0.4 به:0.5
    کوی کول کړ کړه کړې وکړ وکړه ورته باندې پورې وروسته مخکې لاندې لری لرې نشی شی:0.8 ندی نده اوس بیا:0.5 ډېر ډیر
    کوم کومه چا څه ټول ټولو ځینې ولې ولی:0.3 داسې ځکه نور:0.5 نورو مې کال ویل وویل وایی ویلی کېږی کیږی دوه درې
    هیواد هېواد باید:0.4 چی:0.5 کی:0.4 که:0.3 تا:0.3 چه:0.3 پکې ترڅو یوازې هلته دلته`,
  arb: `فی من:0.7 على إلى الى عن الذی التی الذین اللذین اللتین اللذان أن إن ان:0.8 أنه انه إنه أنها انها إنها
    هذا هذه ذلک تلک هناک هنا کان کانت کانوا یکون تکون قد لقد وقد لم ولم لن لا ولا ما:0.6 هو هی هم:0.3 نحن أنا انا
    أنت انت مع بعد:0.5 قبل:0.6 حتى کل:0.4 بین:0.5 أو ثم إذا اذا کما لکن ولکن بل إلا الا أم أین متى کیف لماذا
    هل سوف ومن وفی وما فقد فإن وإن بأن لأن لان یمکن یجب وکان وهذا وهو وهی عند عندما بینما منذ خلال حیث ضد:0.3 دون غیر:0.4
    لدى لیس أی ای:0.3 قال وقال علیه:0.5 علیها فیه فیها منه منها عنه عنها إلیه الیه لها له:0.5 لهم أکثر اکثر أحد احد جدا
    أیضا ایضا عبر تم لک لکم لنا لهم منا منک منکم منهم علیک علیکم علینا علیهم فیک فینا فیهم بک بکم بها:0.5 عنک عنا عنهم یوم:0.5 اللی اللى مو:0.5 وش ایش لیش وین عشان یعنی هذی هاذا کذا والله یا:0.3 بس:0.3 اللهم`,
  urd: `کی:0.4 کے ہے ہیں میں نے سے کو:0.7 اور کا:0.7 تھا تھے تھی بھی نہیں یہ وہ گیا گئی ایک لئے لیے کر:0.5 ہو ہوں ہوئے رہا رہے
    نوں وچ توں نال تے ایہہ کیتا اوہ ہن اے`,
  snd: `۾ ۽ آهی آهن جی تی جو:0.5 هئا هئی ڪري ڪيو ڪندو ٿيو ٿي`,
  ckb: `لە بە کە ئەو بۆ ئەم دەکات کرا بوو لەگەڵ`,
  uig: `بىلەن ۋە ئۇ بۇ ئىدى بولۇپ ھەم`,
};

type Entry = ReadonlyArray<readonly [ArabicScriptLang, number]>;

function buildTable(): Map<string, Entry> {
  const table = new Map<string, Array<[ArabicScriptLang, number]>>();
  for (const lang of ARABIC_SCRIPT_LANGS) {
    for (const item of ARABIC_SCRIPT_WORDS[lang].split(/\s+/)) {
      if (!item) continue;
      const [raw = '', w] = item.split(':');
      const weight = w === undefined ? 1 : Number(w);
      if (weight <= 0) continue;
      const word = foldArabicWord(raw);
      const list = table.get(word) ?? [];
      list.push([lang, weight]);
      table.set(word, list);
    }
  }
  return table;
}

/** Folded word -> [(language, weight)]. */
export const ARABIC_SCRIPT_FUNCTION_WORDS: ReadonlyMap<string, Entry> = buildTable();

// Latin script: English against the Latin-script languages met in the region's feeds.
export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `the and of to in is was for on that with it this are be by as at from have has had not but or an they we you
  i he she his her their our my your me him them us there what which who whom will would can could should do does
  did been were if so no all any more about than into out up just very how when where also its it's i'm don't didn't
  doesn't isn't can't won't there's that's what's been being because some only other over after before then these
  those such most many much well get got like one two new now even back here why may might must shall every each
  both few own same too off again once under while through between against during without within upon yes`.split(/\s+/),
);

// Common words of the Latin-script languages franc tends to confuse with English, and vice versa.
export const LATIN_OTHER_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    fra: 'me le la les des du de et est une un que qui dans pour pas sur au aux avec ce cette il elle je vous nous sont ne se mais ou été être',
    deu: 'in so will also an her war was er der die das und ist nicht mit ein eine einen den dem zu von sich auch auf für ich sie es wir im des sind wurde wird bei nach aus noch',
    nld: 'in is was de het een en van dat niet op te zijn met voor ook maar bij naar wordt werd uit heeft',
    spa: 'no me el los las y en del que por con una para es lo como pero su más se al muy este esta',
    por: 'o os da do em não um uma para com que dos das como mais foi ao pelo pela seu sua',
    ita: 'in no il di che e è per non della del una sono gli nel con alla questo anche più',
    ind: 'yang dan di ke dari ini itu dengan untuk tidak akan pada dalam adalah juga ada sebagai oleh telah bisa karena',
    tur: 'bir ve bu da de için ile çok ne mi gibi daha olarak ama sonra kadar diye ben sen o değil var',
    uzn: 'va bu bilan uchun ham esa edi emas bir lekin deb bo‘lgan boʻlgan',
    tgl: 'ang mga sa ng na ay si ito hindi at',
    sco: 'ane fae tae oot aboot wis dinnae cannae ken yin awa wi',
  }).map(([lang, words]) => [lang, new Set(words.split(/\s+/))]),
);
