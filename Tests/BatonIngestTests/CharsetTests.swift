import BatonIngest
import Foundation
import XCTest

/// A .eml per charset family (issue 10, item 1), written by Python's codecs in each
/// charset: subject as an RFC 2047 encoded word, body as 8-bit text. Each must read as the
/// customer wrote it, through the WHATWG label table to glibc's iconv, supersets first
/// (the Korean, Chinese and Japanese bodies hold characters only the superset has, which
/// the plain charsets turn to U+FFFD).
final class CharsetTests: XCTestCase {
    func parse(_ name: String) throws -> EmailMessage {
        try EmailMessage.parse(try IngestTestCase.bytes("email/charsets/" + name + ".eml"))
    }

    static let families: [(String, String, String)] = [
        ("cyrillic-koi8-r", "Не работает вход", "Здравствуйте! Не могу войти в кабинет."),
        ("cyrillic-koi8-u", "Не працює вхід", "Добрий день! Ґанок і їжак."),
        ("cyrillic-iso-8859-5", "Не работает вход", "Здравствуйте!"),
        ("korean-ks_c_5601-1987", "로그인이 안 됩니다", "안녕하세요. 똠방각하 로그인이 안 됩니다."),
        ("chinese-gb2312", "无法登录", "你好，我无法登录。朱镕基"),
        ("chinese-gb18030", "无法登录 €", "你好 😀 无法登录"),
        ("chinese-big5", "無法登入", "您好，我無法登入系統。"),
        ("japanese-iso-2022-jp", "ログインできません", "こんにちは。ログインできません。"),
        ("japanese-shift_jis", "ログインできません", "①番の件、ログインできません。"),
        ("japanese-euc-jp", "ログインできません", "こんにちは。ログインできません。"),
        ("hebrew-iso-8859-8-i", "שלום עולם", "שלום, אין כניסה"),
        ("hebrew-windows-1255", "שלום", "שלום, אין כניסה ₪"),
        ("arabic-windows-1256", "مرحبا", "مرحبا، لا أستطيع الدخول"),
        ("greek-iso-8859-7", "Καλημέρα", "Καλημέρα, δεν μπορώ να συνδεθώ"),
        ("turkish-iso-8859-9", "Giriş yapılamıyor", "Merhaba, giriş yapılamıyor. İğdır"),
        ("baltic-windows-1257", "Labdien, ačiū", "Sveiki, negaliu prisijungti: ąčęėįšųūž"),
        ("thai-tis-620", "สวัสดี", "สวัสดีครับ เข้าระบบไม่ได้"),
    ]

    func testEveryCharsetFamilyReadsAsWritten() throws {
        for (name, subject, body) in Self.families {
            let email = try parse(name)
            XCTAssertEqual(email.subject, subject, name)
            XCTAssertEqual(email.text.trimmingCharacters(in: .whitespacesAndNewlines), body, name)
            XCTAssertEqual(email.problems, [], name)
        }
    }

    func testACharacterSplitAcrossAdjacentEncodedWordsDecodesWhole() throws {
        let email = try parse("utf-8-split-words")
        XCTAssertEqual(email.subject, "€ 1000 é")
        XCTAssertEqual(email.from.name, "Zoë")
    }

    func testACharsetNothingKnowsIsU_FFFDAndAWarningNamingIt() throws {
        let email = try parse("unknown-charset-header")
        XCTAssertEqual(email.subject, "Qapla\u{FFFD} today")
        XCTAssertEqual(email.text, "Qapla\u{FFFD}!\n")
        XCTAssertEqual(email.from.name, "Kor\u{FFFD}")
        XCTAssertEqual(email.problems, [
            #"unknown charset "x-klingon-9"; the bytes it could not read are shown as U+FFFD"#,
            #"unknown charset "x-klingon-9" in the Subject header; the bytes it could not read are shown as U+FFFD"#,
            #"unknown charset "x-klingon-9" in the From header; the bytes it could not read are shown as U+FFFD"#,
        ])
    }
}
