// The Telegram bot on long polling (telegraf). Answers only the configured chats; others get a
// short refusal and are logged by chat id and type, never by what they wrote.
import { Telegraf } from 'telegraf';
import { errorText, silentLogger, type Logger } from '../logger.js';
import { TelegramApiError, classifyTelegramError, createSender, type TelegramSender } from './send-digest.js';
import { BOT_COMMANDS, parseCommand, runCommand, type CommandEnv } from './bot-commands.js';

export const REFUSAL = 'Sorry, this bot only answers the chats it was set up for.';

export interface BotOptions extends CommandEnv {
  token: string;
  apiRoot: string;
  digestChatIds: readonly string[];
  adminChatIds: readonly string[];
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Wait before retrying a launch the network refused (ms). */
  relaunchDelayMs?: number;
  /** Bot API call timeout (ms; getUpdates gets its long-poll time on top). */
  timeoutMs?: number;
}

export interface RunningBot {
  /** Settles when polling has stopped (after stop(), or when Telegram refused the bot). */
  readonly done: Promise<void>;
  stop(reason?: string): Promise<void>;
}

/** Chat types a "@name" entry may match: public groups and channels have a stable public username. */
const NAMED_CHAT_TYPES = new Set(['group', 'supergroup', 'channel']);

/**
 * Chat ids are compared as strings. A "@name" entry matches only a group, supergroup or channel with
 * that username: anyone can give their own account any free username, so a private chat is
 * authorized by its numeric id alone.
 */
export function isAllowedChat(chat: { id: number | string; type: string; username?: string }, allowed: readonly string[]): boolean {
  const id = String(chat.id);
  const name = chat.username && NAMED_CHAT_TYPES.has(chat.type) ? `@${chat.username.toLowerCase()}` : null;
  return allowed.some((a) => a === id || (name !== null && a.toLowerCase() === name));
}

interface IncomingMessage {
  chat: { id: number; type: string; username?: string };
  text?: string;
}

export function createBot(opts: BotOptions): { bot: Telegraf; sender: TelegramSender; start(): RunningBot } {
  const log = opts.log ?? silentLogger;
  const bot = new Telegraf(opts.token, { telegram: { apiRoot: opts.apiRoot }, handlerTimeout: 60_000 });
  // Stopping the bot cancels its Bot API calls in flight and its retry waits.
  const halt = new AbortController();
  const sender = createSender(
    { token: opts.token, apiRoot: opts.apiRoot, sleep: opts.sleep, log, timeoutMs: opts.timeoutMs, signal: halt.signal },
    bot.telegram,
  );
  const allowed = [...new Set([...opts.digestChatIds, ...opts.adminChatIds])];

  const reply = async (chatId: string, messages: readonly string[]) => {
    for (const m of messages) await sender.sendMessage(chatId, m);
  };

  bot.on('message', async (ctx) => {
    const msg = ctx.message as unknown as IncomingMessage;
    const chatId = String(msg.chat.id);
    const text = typeof msg.text === 'string' ? msg.text : '';
    const cmd = parseCommand(text, ctx.botInfo?.username);
    if (!isAllowedChat(msg.chat, allowed)) {
      log.warn(`bot: refused ${msg.chat.type} chat ${chatId}`);
      // In groups, only commands get the refusal, so ordinary chatter doesn't make the bot talk.
      if (cmd || msg.chat.type === 'private') await reply(chatId, [REFUSAL]);
      return;
    }
    if (!cmd) return;
    log.info(`bot: /${cmd.name} from chat ${chatId}`);
    let answer: string[];
    try {
      answer = await runCommand(cmd.name, cmd.args, opts);
    } catch (err) {
      log.error(`bot: /${cmd.name} failed: ${errorText(err, [opts.token])}`);
      answer = ['Sorry, that failed; the error is in the log.'];
    }
    await reply(chatId, answer);
  });

  bot.catch((err) => {
    log.error(`bot: ${errorText(err, [opts.token])}`);
  });

  function start(): RunningBot {
    let stopping = false;
    let wake: (() => void) | null = null;
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    let launched: Promise<void> | null = null;
    let settled = false;

    const done = (async () => {
      let delay = opts.relaunchDelayMs ?? 30_000;
      while (!stopping) {
        try {
          bot.botInfo = await sender.call('getMe', null, (t) => t.getMe());
          if (stopping) return;
          await sender
            .call('setMyCommands', null, (t) => t.setMyCommands(BOT_COMMANDS.map((c) => ({ command: c.command, description: c.description }))))
            .catch((err: unknown) => log.debug(`bot: setMyCommands: ${errorText(err, [opts.token])}`));
          if (stopping) return;
          log.info(`bot: polling as @${bot.botInfo.username} for ${allowed.length} chat${allowed.length === 1 ? '' : 's'}`);
          launched = bot.launch({ dropPendingUpdates: false });
          await launched;
          return;
        } catch (raw) {
          const err = classifyTelegramError(raw, 'getUpdates', null, opts.apiRoot, opts.token);
          const text = errorText(err, [opts.token]);
          if (err instanceof TelegramApiError && err.status !== 429 && err.status < 500) {
            log.error(`bot: ${text}; the bot is off`);
            return;
          }
          if (stopping) return;
          log.warn(`bot: ${text}; trying again in ${Math.round(delay / 1000)}s`);
          await pause(delay);
          delay = Math.min(delay * 2, 5 * 60_000);
        }
      }
    })().finally(() => {
      settled = true;
    });

    return {
      done,
      async stop(reason = 'stop') {
        if (stopping) return done;
        stopping = true;
        halt.abort();
        (wake as (() => void) | null)?.();
        // bot.stop() throws while launch() is still between getMe and the first poll: retry briefly,
        // unless the launch already ended (its calls were cancelled by halt).
        for (let i = 0; launched && !settled && i < 200; i++) {
          try {
            bot.stop(reason);
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 25));
          }
        }
        await done;
        log.info('bot: stopped');
      },
    };
  }

  return { bot, sender, start };
}
