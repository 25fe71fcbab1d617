-- SPDX-License-Identifier: GPL-2.0-or-later
-- A Lua postdissector doing what the tutor does in its simplest form: the
-- alternative a user would otherwise write, measured against the C plugin in
-- bench/run.sh. Per handshake message (and ChangeCipherSpec, the encrypted
-- Finished, alerts and the first Application Data each way) on TCP port 443:
-- sender, message name, position in the connection, the step of the TLS 1.2
-- walk-through, a "says" line, and the Info column. Conversation state (per
-- tcp.stream) drives the step numbering; results are cached per frame on the
-- first pass and redrawn on later passes, like the plugin does.
--
-- Load: put this file at the top level of a plugin folder
-- (WIRESHARK_PLUGIN_DIR or ~/.local/lib/wireshark/plugins), or
-- `tshark -X lua_script:bench/lua/tlstutor.lua`. Filter: `-Y tlstutorlua`.

local proto = Proto("tlstutorlua", "TLS Handshake Tutor (Lua)")
local pf = {
    message = ProtoField.string("tlstutorlua.message", "Message"),
    msg = ProtoField.string("tlstutorlua.msg", "Name"),
    sender = ProtoField.string("tlstutorlua.sender", "Sender"),
    seq = ProtoField.uint32("tlstutorlua.seq", "Position in the handshake"),
    step = ProtoField.uint32("tlstutorlua.step", "Step of the TLS 1.2 walk-through"),
    says = ProtoField.string("tlstutorlua.says", "Says"),
    conn = ProtoField.uint32("tlstutorlua.conn", "Connection"),
}
proto.fields = { pf.message, pf.msg, pf.sender, pf.seq, pf.step, pf.says, pf.conn }

local f_hs_type = Field.new("tls.handshake.type")
local f_content = Field.new("tls.record.content_type")
local f_opaque = Field.new("tls.record.opaque_type")
local f_version = Field.new("tls.handshake.extensions.supported_version")
local f_srcport = Field.new("tcp.srcport")
local f_dstport = Field.new("tcp.dstport")
local f_stream = Field.new("tcp.stream")

local TLS_PORT = 443

local NAMES = {
    [0] = "HelloRequest", [1] = "ClientHello", [2] = "ServerHello",
    [4] = "NewSessionTicket", [5] = "EndOfEarlyData", [8] = "EncryptedExtensions",
    [11] = "Certificate", [12] = "ServerKeyExchange", [13] = "CertificateRequest",
    [14] = "ServerHelloDone", [15] = "CertificateVerify", [16] = "ClientKeyExchange",
    [20] = "Finished", [22] = "CertificateStatus", [24] = "KeyUpdate",
}

-- Steps of the full TLS 1.2 handshake (docs/flows.md, flow A).
local STEPS = {
    client = { ClientHello = 1, Certificate = 7, ClientKeyExchange = 8,
               CertificateVerify = 9, ChangeCipherSpec = 10, Finished = 11,
               ApplicationData = 14 },
    server = { ServerHello = 2, Certificate = 3, ServerKeyExchange = 4,
               CertificateRequest = 5, ServerHelloDone = 6, ChangeCipherSpec = 12,
               Finished = 13, ApplicationData = 14 },
}

local SAYS = {
    ClientHello = "hello, these are the versions, cipher suites and extensions I support.",
    ServerHello = "hello, I choose this version and cipher suite.",
    Certificate = "here is my certificate.",
    ServerKeyExchange = "here are my signed key exchange parameters.",
    CertificateRequest = "please show me your certificate.",
    ServerHelloDone = "that is all from me for now.",
    ClientKeyExchange = "here is my part of the key exchange.",
    CertificateVerify = "this signature proves the certificate is mine.",
    ChangeCipherSpec = "from now on I encrypt.",
    Finished = "here is the check value over the whole handshake.",
    NewSessionTicket = "here is a ticket to resume this session later.",
    EncryptedExtensions = "here are the rest of my choices, encrypted.",
    HelloRequest = "please start a new handshake.",
    EndOfEarlyData = "no more early data.",
    KeyUpdate = "I am switching to new keys.",
    CertificateStatus = "here is the OCSP status of my certificate.",
    ApplicationData = "here is encrypted application data.",
    Alert = "something went wrong, or I am closing.",
    Unknown = "(a message I cannot identify)",
}

local conns, frames, nconns

function proto.init()
    conns, frames, nconns = {}, {}, 0
end

local function message(c, sender, name)
    c.seq = c.seq + 1
    local step = nil
    if c.full12 and not c.tls13 then
        step = STEPS[sender][name]
    end
    local who = sender == "client" and "Client" or "Server"
    local label = string.format("%s %s: %s", step or "-", name, SAYS[name] or SAYS.Unknown)
    return { msg = name, sender = sender, seq = c.seq, step = step, conn = c.n,
             says = who .. ": " .. (SAYS[name] or SAYS.Unknown), label = label }
end

-- First pass: what the frame holds, from TLS's fields, in record order.
local function annotate()
    local sp, dp = f_srcport(), f_dstport()
    if not sp or (sp.value ~= TLS_PORT and dp.value ~= TLS_PORT) then return nil end
    local contents = { f_content() }
    -- TLS 1.3 records after the ServerHello show only an opaque type (23).
    for _, r in ipairs({ f_opaque() }) do contents[#contents + 1] = r end
    if #contents == 0 then return nil end
    local sender = dp.value == TLS_PORT and "client" or "server"
    local sid = f_stream().value
    local c = conns[sid]
    if not c then
        nconns = nconns + 1
        c = { n = nconns, seq = 0, ccs = {}, fin = {}, app = {} }
        conns[sid] = c
    end
    local types = { f_hs_type() }
    local ti, out = 1, {}
    for _, r in ipairs(contents) do
        local ct = r.value
        if ct == 22 then
            if types[ti] then
                local name = NAMES[types[ti].value] or "Unknown"
                ti = ti + 1
                if name == "ServerHello" then
                    for _, v in ipairs({ f_version() }) do
                        if v.value == 0x0304 then c.tls13 = true end
                    end
                end
                if name == "ClientHello" then c.full12 = (c.seq == 0) end
                out[#out + 1] = message(c, sender, name)
            elseif c.ccs[sender] and not c.fin[sender] then
                c.fin[sender] = true
                out[#out + 1] = message(c, sender, "Finished")
            end
        elseif ct == 20 then
            -- The server switching first means an abbreviated (resumed) handshake.
            if sender == "server" and not c.ccs.client then c.full12 = false end
            c.ccs[sender] = true
            out[#out + 1] = message(c, sender, "ChangeCipherSpec")
        elseif ct == 21 then
            out[#out + 1] = message(c, sender, "Alert")
        elseif ct == 23 and not c.app[sender] then
            c.app[sender] = true
            out[#out + 1] = message(c, sender, "ApplicationData")
        end
    end
    while types[ti] do             -- several messages in one record
        out[#out + 1] = message(c, sender, NAMES[types[ti].value] or "Unknown")
        ti = ti + 1
    end
    if #out == 0 then return nil end
    return out
end

function proto.dissector(tvb, pinfo, tree)
    local list
    if not pinfo.visited then
        list = annotate()
        frames[pinfo.number] = list
    else
        list = frames[pinfo.number]
    end
    if not list then return end
    local sub = tree:add(proto, tvb(0, 0))
    for _, m in ipairs(list) do
        local item = sub:add(pf.message, m.label)
        item:add(pf.msg, m.msg)
        item:add(pf.sender, m.sender)
        item:add(pf.seq, m.seq)
        if m.step then item:add(pf.step, m.step) end
        item:add(pf.says, m.says)
        item:add(pf.conn, m.conn)
        pinfo.cols.info:append(string.format(" [%s %s]", m.step or "-", m.msg))
    end
end

register_postdissector(proto)
