import Foundation
import Notify
import NotifyClient
import Paging
import SitrepCore

/// How out-of-chat pages leave sitrep: email through the configured SMTP server, webhooks over HTTPS, and the
/// repeat of a chat page through the coordinator. Each send throws a reason fit for `!pages` when it fails, and
/// says whether trying again may help.
struct PageTransports: Sendable {
    /// Sends a direct message in chat (a later round of a person's rules); the coordinator's network does it.
    typealias ChatSend = @Sendable (_ incidentID: Int64, _ nick: String, _ text: String) async -> Void

    let smtp: SMTPClient?
    let from: EmailAddress?
    let webhooks: WebhookSender
    let webhookSecret: [UInt8]?
    let chat: ChatSend?

    /// Where one attempt goes.
    enum Destination: Sendable {
        case chat(nick: String)
        case email(String)
        /// The person's configured webhook (nil: no longer configured).
        case webhook(SitrepConfig.Paging.Webhook?)
    }

    /// Why a page could not go out, and whether the same attempt may work later (a dropped connection, a 5xx).
    struct Failure: Error, CustomStringConvertible {
        let description: String
        var isRetryable = false
    }

    /// Sends `letter` to `destination`; `fields` fill a webhook's JSON.
    func send(
        to destination: Destination, letter: PageLetter, chatText: String, fields: PageFields, incidentID: Int64,
        idempotencyKey: String
    ) async throws(Failure) {
        switch destination {
        case .chat(let nick):
            guard let chat else { throw Failure(description: "chat is not connected") }
            await chat(incidentID, nick, chatText)
        case .email(let address):
            guard let smtp, let from else { throw Failure(description: "no smtp: server is configured") }
            let to: EmailAddress
            do { to = try EmailAddress(address) } catch { throw Failure(description: "\(error)") }
            let message = EmailMessage(
                from: from, to: to, subject: letter.subject, text: letter.text, idempotencyKey: idempotencyKey)
            do { try await smtp.send(message) } catch {
                throw Failure(description: error.description, isRetryable: error.isRetryable)
            }
        case .webhook(let webhook):
            guard let webhook else { throw Failure(description: "the person no longer has a webhook in the config") }
            let target: WebhookTarget
            do { target = try webhook.target(secret: webhookSecret) } catch {
                throw Failure(description: error.description)
            }
            let request = WebhookRequest(
                target: target, fields: fields, idempotencyKey: idempotencyKey, timestamp: Date())
            do { try await webhooks.send(request) } catch {
                throw Failure(description: error.description, isRetryable: error.isRetryable)
            }
        }
    }
}
