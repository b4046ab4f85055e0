import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { MailMessage } from './message';

/** E-mail through the SMTP server of SMTP_URL (nodemailer). */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const options = { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
    this.transport = createTransport(options as SMTPTransport.Options);
  }

  /** Sends one message; `messageId` is the same for every attempt, so that a receiver can tell a repeat. */
  async send(to: string, message: MailMessage, messageId: string): Promise<{ response: string }> {
    const info = (await this.transport.sendMail({
      from: this.from,
      to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId,
      headers: { 'X-AoC-Link': message.link },
    })) as { response: string };
    return { response: info.response };
  }

  close(): void {
    this.transport.close();
  }
}
