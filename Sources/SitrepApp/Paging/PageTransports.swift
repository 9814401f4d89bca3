import Foundation
import Notify
import NotifyClient
import Paging
import SitrepCore

/// How out-of-chat pages leave sitrep: email through the configured SMTP server, webhooks over HTTPS, and the
/// repeat of a chat page through the coordinator. Each send throws a reason fit for `!pages` when it fails.
struct PageTransports: Sendable {
    /// Sends a direct message in chat (a later round of a person's rules); the coordinator's network does it.
    typealias ChatSend = @Sendable (_ incidentID: Int64, _ nick: String, _ text: String) async -> Void

    let smtp: SMTPClient?
    let from: EmailAddress?
    let webhooks: WebhookSender
    let webhookSecret: [UInt8]?
    let chat: ChatSend?

    /// Why a page could not go out.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `letter` to `address` by `method`; `fields` fill a webhook's JSON.
    func send(
        _ method: ContactMethod.Kind, to address: String, letter: PageLetter, chatText: String, fields: PageFields,
        incidentID: Int64, idempotencyKey: String
    ) async throws(Failure) {
        switch method {
        case .chat:
            guard let chat else { throw Failure(description: "chat is not connected") }
            await chat(incidentID, address, chatText)
        case .email:
            guard let smtp, let from else { throw Failure(description: "no smtp: server is configured") }
            let to: EmailAddress
            do { to = try EmailAddress(address) } catch { throw Failure(description: "\(error)") }
            let message = EmailMessage(
                from: from, to: to, subject: letter.subject, text: letter.text, idempotencyKey: idempotencyKey)
            do { try await smtp.send(message) } catch { throw Failure(description: error.description) }
        case .webhook:
            do {
                let target = try WebhookTarget(url: address, secret: webhookSecret)
                try await webhooks.send(
                    WebhookRequest(target: target, fields: fields, idempotencyKey: idempotencyKey, timestamp: Date()))
            } catch let problem as WebhookTarget.Problem {
                throw Failure(description: problem.description)
            } catch let error as WebhookDeliveryError {
                throw Failure(description: error.description)
            } catch {
                throw Failure(description: "\(error)")
            }
        }
    }
}
